"""Page speed against the alternatives, in one run over one SQLite store.

    .venv/bin/python bench/web_bench.py [--events 5000]

1. The listing: calfeed's paged reads (counts, one page of upcoming, the tail of
   the past) against reading every matching event and sorting in Python.
2. Traditional script: rendering through OpenCC against the Simplified page.
3. Revalidation: a 304 from the ETag against rendering the page again.
Ratios are printed; nothing is asserted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from synthetic import fill  # noqa: E402
from web_sample import local_today, site_config  # noqa: E402

from calfeed.query import EventQuery  # noqa: E402
from calfeed.store import Store  # noqa: E402
from calfeed.web import create_app  # noqa: E402
from calfeed.web.pages import PAGE_SIZE, listing  # noqa: E402

def naive_listing(store: Store, query: EventQuery, today):
    """Everything matching, split and sorted in Python: the simple way to get the same page."""
    every = store.events(query)
    upcoming = [e for e in every if e.last_day >= today]
    past = sorted((e for e in every if e.last_day < today), key=lambda e: (e.start.isoformat(), e.uid), reverse=True)
    both = upcoming + past
    offset = (query.page - 1) * PAGE_SIZE
    return both[offset:offset + PAGE_SIZE], len(both)


def timed(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        best = min(best, (time.perf_counter() - started) / repeat)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.db")
        started = time.perf_counter()
        fill(store, args.events, local_today(), days_back=60)
        print(f"stored {args.events} events in {time.perf_counter() - started:.1f}s")
        config = site_config()
        today = local_today()
        app = create_app(config, store)
        client = app.test_client()
        total = store.count_events()
        last = (total + PAGE_SIZE - 1) // PAGE_SIZE
        print(f"\n1. listing ({total} events, {last} pages of {PAGE_SIZE})")
        for label, query in (("first page", EventQuery()), ("middle page", EventQuery(page=last // 2)),
                             ("last page", EventQuery(page=last)), ("category filter", EventQuery(category="sports"))):
            with app.app_context():
                ours_events, _, _ = listing(query, today)
                theirs_events, _ = naive_listing(store, query, today)
                assert [e.uid for e in ours_events] == [e.uid for e in theirs_events], label
                ours = timed(lambda q=query: listing(q, today), args.repeat)
            theirs = timed(lambda q=query: naive_listing(store, q, today), args.repeat)
            print(f"   {label:16} paged {ours * 1000:7.2f} ms   read-all {theirs * 1000:7.2f} ms   "
                  f"read-all/paged = {theirs / ours:5.1f}x")

        print("\n2. Traditional script (whole first page rendered)")
        simplified = timed(lambda: client.get("/?script=hans"), args.repeat)
        traditional = timed(lambda: client.get("/?script=hant"), args.repeat)
        print(f"   hans {simplified * 1000:.2f} ms   hant {traditional * 1000:.2f} ms   "
              f"hant/hans = {traditional / simplified:.2f}x")

        print("\n3. revalidation of the first page")
        etag = client.get("/?script=hans").headers["ETag"]
        revalidate = timed(lambda: client.get("/?script=hans", headers={"If-None-Match": etag}), args.repeat)
        print(f"   render {simplified * 1000:.2f} ms   304 {revalidate * 1000:.2f} ms   "
              f"render/304 = {simplified / revalidate:.1f}x")


if __name__ == "__main__":
    main()
