"""A refresh as the maintainer runs it: a folder source read into a real store, changed, emptied, broken.

The store is the real one (SQLite and, where a server is configured, PostgreSQL); the
extractor is the real one, on articles written here.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path


from http_fixture import fast_client

from calfeed.config import parse_config
from calfeed.query import EventQuery
from calfeed.refresh import refresh

READING = ("社区新闻  2025年3月4日 星期二\n\n社区读书会周六举行\n\n"
           "本报讯 3月8日上午9时，社区读书会在街道图书馆举行，欢迎居民参加。\n")
READING_MOVED = READING.replace("上午9时", "下午2时")
WALK = ("社区新闻  2025年3月4日 星期二\n\n健步走活动下周举行\n\n"
        "本报讯 3月15日上午8时，“春风健步走”活动在滨江公园举行，预计三百名居民参加。\n")


def site(tmp_path: Path, database: str, *extra_sources: str):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    text = textwrap.dedent(f"""\
        database: {database}
        sources:
          - name: local
            type: folder
            location: articles
            district: 杨浦区
        """) + "".join(extra_sources)
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    import yaml

    return parse_config(yaml.safe_load(text), root=tmp_path), folder


def titled(store, word: str):
    (event,) = [e for e in store.events() if word in e.title]
    return event


def snapshot(store):
    return sorted((e.uid, e.sequence, e.status, e.title, str(e.start)) for e in store.events())


def test_first_refresh_stores_each_articles_events_with_its_source_and_district(tmp_path, store_url):
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    (folder / "walk.txt").write_text(WALK, encoding="utf-8")
    store = Store(config.database)
    (report,) = refresh(store, config)
    assert report.ok and report.seen == 2 and report.extracted == 2 and report.added == 2
    assert len(store.events()) == 2
    reading = titled(store, "读书会")
    assert (reading.source, reading.district, reading.status, reading.sequence) == ("local", "杨浦区", "confirmed", 0)
    assert reading.start.isoformat() == "2025-03-08T09:00:00" and reading.location == "街道图书馆"
    assert store.article(reading.article_id).published.isoformat() == "2025-03-04"
    (status,) = store.sources()
    assert (status.name, status.type, status.last_ok, status.articles, status.events) == ("local", "folder", True, 2, 2)


def test_a_second_refresh_with_nothing_new_changes_nothing(tmp_path, store_url):
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    store = Store(config.database)
    refresh(store, config)
    before, token = snapshot(store), store.change_token()
    (report,) = refresh(store, config)
    assert report.ok and report.seen == 1 and report.extracted == 0 and not report.changed
    assert snapshot(store) == before and store.change_token() == token


def test_a_new_extraction_engine_rereads_every_article_once_and_keeps_the_uids(tmp_path, store_url, monkeypatch):
    from calfeed import refresh as module
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    (folder / "walk.txt").write_text(WALK, encoding="utf-8")
    store = Store(config.database)
    refresh(store, config)
    before = snapshot(store)
    monkeypatch.setattr(module, "engine_fingerprint", lambda: "upgraded-rules")
    (report,) = refresh(store, config)
    assert report.extracted == 2 and not report.changed
    assert snapshot(store) == before
    (again,) = refresh(store, config)
    assert again.extracted == 0


def test_a_changed_article_updates_its_event_in_place(tmp_path, store_url):
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    store = Store(config.database)
    refresh(store, config)
    (old,) = store.events()
    (folder / "reading.txt").write_text(READING_MOVED, encoding="utf-8")
    (report,) = refresh(store, config)
    assert report.updated == 1 and report.added == 0 and report.cancelled == 0
    (new,) = store.events()
    assert new.uid == old.uid and new.sequence == old.sequence + 1
    assert new.start.hour == 14 and new.last_modified >= old.last_modified


def test_a_removed_article_cancels_its_events_and_keeps_them(tmp_path, store_url):
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    (folder / "walk.txt").write_text(WALK, encoding="utf-8")
    store = Store(config.database)
    refresh(store, config)
    (folder / "walk.txt").unlink()
    (report,) = refresh(store, config)
    assert report.removed == 1 and report.cancelled == 1
    walk, reading = titled(store, "健步走"), titled(store, "读书会")
    assert (walk.status, walk.sequence) == ("cancelled", 1)
    assert reading.status == "confirmed"


def test_a_failing_source_is_recorded_and_never_stops_the_others(tmp_path, store_url):
    from calfeed.store import Store

    dead = "  - name: dead\n    type: feed\n    location: http://127.0.0.1:9/feed.xml\n"
    missing = "  - name: gone\n    type: folder\n    location: no-such-folder\n"
    config, folder = site(tmp_path, store_url, dead, missing)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    store = Store(config.database)
    reports = {r.source: r for r in refresh(store, config, client=fast_client())}
    assert reports["local"].ok and reports["local"].added == 1
    assert not reports["dead"].ok and reports["dead"].error
    assert not reports["gone"].ok and "no-such-folder" in reports["gone"].error
    statuses = {s.name: s for s in store.sources()}
    assert statuses["dead"].last_ok is False and statuses["dead"].last_error == reports["dead"].error
    assert statuses["local"].last_ok is True and statuses["local"].events == 1


def test_an_unreadable_file_is_skipped_and_the_rest_of_the_folder_stored(tmp_path, store_url):
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    (folder / "reading.txt").write_text(READING, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    (folder / "gbk.txt").write_bytes(WALK.encode("gbk"))
    store = Store(config.database)
    (report,) = refresh(store, config)
    assert report.ok and report.added == 2
    assert len(report.failures) == 1 and report.failures[0].startswith("broken.txt")
    assert titled(store, "读书会") and titled(store, "健步走")


KILLED_REFRESH = """
import os, sys, time
from calfeed.config import load_config
from calfeed.refresh import refresh
from calfeed.store import Store

config = load_config(sys.argv[1])
store = Store(config.database)
real, calls = store.upsert_article, []

def slow_upsert(*args, **kwargs):
    result = real(*args, **kwargs)
    calls.append(1)
    if len(calls) == 3:
        open(sys.argv[2], "w").close()  # three articles written inside the source's transaction
        time.sleep(60)
    return result

store.upsert_article = slow_upsert
refresh(store, config)
"""


def test_a_refresh_killed_midway_leaves_the_store_consistent_and_the_next_one_completes(tmp_path, store_url):
    from calfeed.store import Store

    config, folder = site(tmp_path, store_url)
    for number in range(6):
        (folder / f"reading{number}.txt").write_text(READING.replace("社区读书会", f"第{number + 1}期社区读书会"),
                                                    encoding="utf-8")
    marker = tmp_path / "inside-transaction"
    process = subprocess.Popen([sys.executable, "-c", KILLED_REFRESH, str(tmp_path / "config.yaml"), str(marker)],
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, "the refresh ended before it was killed"
            assert time.monotonic() < deadline, "the refresh never reached its third article"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    store = Store(config.database)
    assert store.events() == [] and store.article_hashes("local") == {}
    (report,) = refresh(store, config)
    assert report.ok and report.added == 6
    assert len({e.uid for e in store.events()}) == 6


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>区融媒体</title><link>http://news.test/</link><description>本区新闻</description>
<item><title>社区读书会周六举行</title><link>{base}/news/1.html</link><guid>{base}/news/1.html</guid>
<pubDate>Tue, 04 Mar 2025 09:00:00 +0800</pubDate>
<description>社区读书会周六在街道图书馆举行。</description></item>
</channel></rss>"""
PAGE = """<html><head><meta charset="gbk"><title>社区读书会周六举行</title></head><body><nav><a href="/">首页</a></nav>
<article><h1>社区读书会周六举行</h1><p>本报讯 {when}，社区读书会在街道图书馆举行，欢迎居民参加。</p>
<p>读书会由街道文化站主办，现场设有好书交换角和亲子阅读区，居民可带上闲置图书前来交换。</p>
<p>街道文化站表示，读书会今年起每月举办一次，报名可通过社区公众号进行。</p></article></body></html>"""


def test_a_feed_source_over_http_is_stored_then_answers_304_then_updates_in_place(tmp_path, store_url, server):
    from calfeed.store import Store

    base = server.url("").rstrip("/")
    server.route("/rss.xml", body=FEED.format(base=base).encode(), content_type="application/rss+xml", etag='"v1"')
    server.route("/news/1.html", body=PAGE.format(when="3月8日上午9时").encode("gbk"),
                 content_type="text/html", etag='"p1"')
    feed = f"  - name: news\n    type: feed\n    location: {server.url('/rss.xml')}\n"
    config, _ = site(tmp_path, store_url, feed)
    store = Store(config.database)
    news = config.source("news")
    (first,) = refresh(store, config, [news], client=fast_client())
    assert first.ok and first.added == 1 and not first.failures, first
    (event,) = store.events(EventQuery(source="news"))
    assert event.article_url == f"{base}/news/1.html" and event.start.isoformat() == "2025-03-08T09:00:00"
    assert store.http_validators(server.url("/rss.xml"))[0] == '"v1"'
    (second,) = refresh(store, config, [news], client=fast_client())
    assert second.ok and second.not_modified and not second.changed
    assert server.requests_to("/rss.xml")[-1].header("If-None-Match") == '"v1"'
    server.route("/rss.xml", body=FEED.format(base=base).replace("本区新闻", "本区要闻").encode(),
                 content_type="application/rss+xml", etag='"v2"')
    server.route("/news/1.html", body=PAGE.format(when="3月9日下午2时").encode("gbk"),
                 content_type="text/html", etag='"p2"')
    (third,) = refresh(store, config, [news], client=fast_client())
    assert third.updated == 1 and third.added == 0
    (moved,) = store.events(EventQuery(source="news"))
    assert moved.uid == event.uid and moved.sequence == 1 and moved.start.isoformat() == "2025-03-09T14:00:00"
