"""Feed speed against the alternatives, in one run.

    .venv/bin/python bench/feed_bench.py [--sizes 1000,10000,100000] [--requests 4000] [--seconds 10]

1. Rendering: each format for 1k, 10k and 100k events, with the time per event
   to show the growth is linear; the iCalendar writer beside icalendar's own
   component model (what ``ics.py`` replaced for events) at the smaller sizes.
2. Serving: requests per second for a cached feed (200, and 304 on a matching
   ETag) from ``calfeed serve``'s stack -- Flask app, real SQLite store, waitress
   on 127.0.0.1 -- next to the same bytes as a plain static file under the same
   waitress.  Servers run in their own processes; client threads keep
   connections alive; each run stops at a request count or a time limit.
Ratios are printed; nothing is asserted.
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from feeds_sample import BASE, info, site_config, site_today, stored  # noqa: E402

from synthetic import CATEGORIES  # noqa: E402

from calfeed.feeds.ics import render_ics  # noqa: E402
from calfeed.feeds.syndication import render_atom, render_json, render_rss  # noqa: E402

CST = timezone(timedelta(hours=8))
RENDERERS = {"ics": render_ics, "rss": render_rss, "atom": render_atom, "json": render_json}


def events(count: int) -> list:
    """A realistic mix: timed, whole-day and multi-day events with Chinese titles, places and evidence."""
    start = date(2025, 1, 1)
    made = []
    for number in range(count):
        day = start + timedelta(days=number % 365)
        kind = number % 3
        begin = datetime(day.year, day.month, day.day, 9 + number % 9) if kind == 0 else day
        made.append(stored(
            f"{number:08x}@calfeed", title=f"第{number}号社区活动：银龄健步走与健康讲座", start=begin,
            end=day + timedelta(days=3) if kind == 2 else None, all_day=kind != 0, location=f"第{number % 30}社区活动室",
            category=CATEGORIES[number % len(CATEGORIES)], sequence=number % 3,
            evidence=f"第{number}号社区活动将于{day.month}月{day.day}日在第{number % 30}社区活动室举行，欢迎居民报名参加。",
            status="cancelled" if number % 50 == 0 else "confirmed",
            first_seen=datetime(2025, 1, 1, tzinfo=CST) + timedelta(minutes=number),
            last_modified=datetime(2025, 1, 2, tzinfo=CST) + timedelta(minutes=number),
        ))
    return made


def icalendar_components(items, feed_info) -> bytes:
    """The alternative: every event through icalendar's component model."""
    from icalendar import Calendar, Event

    from calfeed.feeds.items import body_text, category_label, event_url, timed

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//bench//")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.last_modified)
        event.add("last-modified", item.last_modified)
        event.add("sequence", item.sequence)
        event.add("summary", item.title)
        if timed(item):
            event.add("dtstart", item.start.replace(tzinfo=feed_info.tz))
        else:
            event.add("dtstart", item.first_day)
            event.add("dtend", item.end_exclusive_day)
        event.add("location", item.location)
        event.add("categories", [category_label(item)])
        event.add("description", body_text(item, event_url(BASE, item.uid)))
        calendar.add_component(event)
    return calendar.to_ical()


def timed_run(function, *args) -> tuple[float, int]:
    began = time.perf_counter()
    size = len(function(*args))
    return time.perf_counter() - began, size


def bench_render(sizes: list[int], alternative_limit: int) -> None:
    print("1. Rendering (seconds, microseconds per event, output size)")
    feed_info = info()
    for count in sizes:
        items = events(count)
        for name, render in RENDERERS.items():
            seconds, size = timed_run(render, items, feed_info)
            print(f"   {name:5} {count:>7} events  {seconds:7.3f} s  {seconds / count * 1e6:6.1f} µs/event  "
                  f"{size / 1e6:6.1f} MB")
        if count <= alternative_limit:
            ours, _ = timed_run(render_ics, items, feed_info)
            theirs, _ = timed_run(icalendar_components, items, feed_info)
            print(f"   ics via icalendar components {count:>7} events  {theirs:7.3f} s  "
                  f"{theirs / count * 1e6:6.1f} µs/event  -> calfeed's writer is {theirs / ours:.1f}x faster")


# --- serving ---------------------------------------------------------------------------------------------------

def quiet_waitress() -> None:
    """Waitress logs every moment its queue is non-empty, which under load is every moment."""
    import logging

    logging.getLogger("waitress").setLevel(logging.ERROR)


def serve_calfeed(database: str, threads: int, port_box) -> None:
    import waitress

    quiet_waitress()

    from calfeed.store import Store
    from calfeed.web import create_app

    app = create_app(site_config(database), Store(database))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads, ident="calfeed")
    port_box.put(server.effective_port)
    server.run()


def serve_static(folder: str, threads: int, port_box) -> None:
    import waitress
    from werkzeug.exceptions import NotFound
    from werkzeug.middleware.shared_data import SharedDataMiddleware

    quiet_waitress()

    app = SharedDataMiddleware(NotFound(), {"/": folder})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads, ident="static")
    port_box.put(server.effective_port)
    server.run()


def start(target, *args):
    box = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=(*args, box), daemon=True)
    process.start()
    return process, box.get(timeout=30)


def fetch(port: int, path: str, headers: dict | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.msg, body  # header names case-insensitive


def load(port: int, path: str, headers: dict, clients: int, requests: int, seconds: float, expect: int) -> float:
    """Requests per second from ``clients`` keep-alive threads, until ``requests`` are done or time is up."""
    lock = threading.Lock()
    state = {"left": requests, "done": 0, "wrong": 0}
    deadline = time.perf_counter() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                if state["left"] <= 0:
                    break
                state["left"] -= 1
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            with lock:
                state["done"] += 1
                state["wrong"] += response.status != expect
        connection.close()

    workers = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - began
    if state["wrong"]:
        print(f"   warning: {state['wrong']} responses were not {expect}")
    return state["done"] / elapsed


def store_events(database: str, count: int) -> None:
    from synthetic import fill

    from calfeed.store import Store

    fill(Store(database), count, site_today(), days_back=30)


def bench_serving(count: int, requests: int, seconds: float, clients: int, threads: int) -> None:
    from calfeed.feeds.export import build
    from calfeed.store import Store

    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{Path(folder) / 'bench.db'}"
        store_events(database, count)
        static = Path(folder) / "public"
        build(Store(database), site_config(database), static)
        ours, our_port = start(serve_calfeed, database, threads)
        theirs, static_port = start(serve_static, str(static), threads)
        try:
            print(f"\n2. Serving a cached feed of {count} events: {clients} client threads, waitress with {threads} threads,"
                  f" at most {requests} requests or {seconds:.0f} s per run")
            for path in ("/calendar.ics", "/feeds/rss.xml"):
                status, headers, body = fetch(our_port, path)  # renders once; every later request is a cache hit
                static_status, static_headers, static_body = fetch(static_port, path)
                assert status == static_status == 200 and body == static_body, "static build differs from the server"
                print(f"   {path} ({len(body) / 1e6:.2f} MB)")
                for label, port, etag in (("calfeed", our_port, headers["ETag"]),
                                          ("static ", static_port, static_headers["ETag"])):
                    full = load(port, path, {}, clients, requests, seconds, 200)
                    revalidated = load(port, path, {"If-None-Match": etag}, clients, requests, seconds, 304)
                    print(f"     {label}  200: {full:8.0f} req/s   304: {revalidated:8.0f} req/s")
                    if label == "calfeed":
                        ours_full, ours_304 = full, revalidated
                print(f"     calfeed/static  200: {ours_full / full:.2f}   304: {ours_304 / revalidated:.2f}")
        finally:
            ours.terminate()
            theirs.terminate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--alternative-up-to", type=int, default=10000, help="largest size rendered via icalendar too")
    parser.add_argument("--serve-events", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--skip-serving", action="store_true")
    args = parser.parse_args()
    bench_render([int(size) for size in args.sizes.split(",")], args.alternative_up_to)
    if not args.skip_serving:
        bench_serving(args.serve_events, args.requests, args.seconds, args.clients, args.threads)


if __name__ == "__main__":
    main()
