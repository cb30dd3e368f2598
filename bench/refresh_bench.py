"""Refresh speed: a first refresh of a folder of articles, then refreshes with nothing new.

    .venv/bin/python bench/refresh_bench.py [--articles 1000] [--database URL]

1. First refresh of N articles (read, extract, store), time per article.
2. A no-change refresh, against the alternative of re-reading every article
   through the extractor and the store's upsert (what a refresh without content
   hashes would do); the ratio is printed.
3. The no-change refresh with 1 and with 10 events per article, for the same
   number of articles of the same length: it reads one hash per article, so it
   must not grow with the number of events.
Ratios are printed; nothing is asserted.
"""
from __future__ import annotations

import argparse
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

from calfeed.config import parse_config
from calfeed.refresh import refresh
from calfeed.sources import read_source
from calfeed.store import Store
from extract import extract_events

PLACES = ("街道文化中心", "社区睦邻中心", "区图书馆", "滨江公园", "社区卫生服务中心", "体育场")
KINDS = ("读书会", "健康讲座", "亲子运动会", "书画展", "便民服务日", "志愿者座谈会", "邻里节", "义诊活动")


def article(number: int, events: int) -> str:
    """A district-paper page of ``events`` short items, each dated, all in one publication week."""
    published = date(2025, 1, 6) + timedelta(days=number % 300)
    items = []
    for index in range(events):
        day = published + timedelta(days=1 + (number + index) % 20)
        kind, place = KINDS[(number + index) % len(KINDS)], PLACES[(number * 7 + index) % len(PLACES)]
        items.append(f"第{number}期{kind}活动周报{index + 1}\n\n本报讯 {day.month}月{day.day}日上午9时，"
                     f"第{number}期{kind}在{place}举行，欢迎社区居民报名参加。活动由街道办事处主办。\n")
    head = f"社区新闻  {published.year}年{published.month}月{published.day}日\n\n"
    return head + "\n".join(items)


FILLER = "街道各居委会持续做好社区环境整治和为老服务工作，居民对社区服务的满意度稳步提高。\n"


def padded(number: int, events: int, size: int) -> str:
    """An article with ``events`` events padded with undated text to ``size`` characters, so that
    articles of every event count have the same length and only the number of events differs."""
    text = article(number, events)
    return text + FILLER * max(0, (size - len(text)) // len(FILLER))


def make_site(root: Path, articles: int, events: int, database: str | None, size: int):
    folder = root / f"articles-{events}"
    folder.mkdir()
    for number in range(articles):
        (folder / f"{number:05d}.txt").write_text(padded(number, events, size), encoding="utf-8")
    url = database or f"sqlite:///{root / f'bench-{events}.db'}"
    text = textwrap.dedent(f"""\
        database: {url}
        sources:
          - {{name: bench, type: folder, location: {folder.name}}}
        """)
    return parse_config(yaml.safe_load(text), root=root)


def timed(function) -> float:
    began = time.perf_counter()
    function()
    return time.perf_counter() - began


def naive_refresh(store: Store, config) -> None:
    """The alternative: every article re-extracted and upserted, changed or not."""
    source = config.sources[0]
    listing = read_source(source, root=config.root)
    with store.transaction():
        for doc in listing.documents:
            extraction = extract_events(doc.text, published=doc.published)
            store.upsert_article(source.name, doc.key, text=doc.text, events=extraction.events, title=doc.title,
                                 path=doc.path, published=extraction.published,
                                 published_source=extraction.published_source, content_hash=doc.content_hash)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--database", help="a database URL instead of a fresh SQLite file (PostgreSQL: an empty schema)")
    args = parser.parse_args()
    n = args.articles
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        size = len(article(0, 10)) + 200
        for events in (1, 10):
            config = make_site(Path(tmp), n, events, args.database if events == 1 else None, size)
            store = Store(config.database)
            first = timed(lambda: refresh(store, config))  # noqa: B023
            stored = store.count_events()
            again = min(timed(lambda: refresh(store, config)) for _ in range(3))  # noqa: B023
            naive = timed(lambda: naive_refresh(store, config))  # noqa: B023
            rows.append((events, stored, first, again, naive))
            store.close()
    print(f"{n} articles, one folder source, {rows[0][0]} and {rows[1][0]} events per article\n")
    print(f"{'events/article':>14} {'events':>7} {'first refresh':>14} {'per article':>12} "
          f"{'no change':>10} {'re-extract all':>15} {'ratio':>6}")
    for events, stored, first, again, naive in rows:
        print(f"{events:>14} {stored:>7} {first:>13.2f}s {first / n * 1000:>10.2f}ms {again:>9.3f}s "
              f"{naive:>14.2f}s {naive / again:>5.0f}x")
    growth = rows[1][3] / rows[0][3]
    print(f"\nno-change refresh with {rows[1][1] // max(rows[0][1], 1)}x the events: {growth:.2f}x the time "
          f"({rows[0][3] / n * 1e6:.0f} vs {rows[1][3] / n * 1e6:.0f} µs per article)")


if __name__ == "__main__":
    main()
