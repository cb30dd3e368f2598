"""The pages as files for ``calfeed build``: what the server would answer, rendered through the app itself.

Each page is written as ``<path>/index.html`` so a static server's directory
index answers the same links the pages already use (``/events/<uid>``,
``/calendar/2025/3``). Filtered and paged listings need the server.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote

from calfeed.config import Config
from calfeed.query import EventQuery
from calfeed.web.links import event_path

MONTHS_AHEAD = 24  # month grids written past today, at most
STATIC = Path(__file__).parent / "static"


def _months(first: date, last: date) -> list[tuple[int, int]]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _index(path: str) -> str:
    return path.strip("/") + "/index.html" if path.strip("/") else "index.html"


def page_files(store, config: Config, today: date) -> Iterable[tuple[str, bytes]]:
    """The first listing page, the sources, every event's page and the month grids from the
    first event to the last (the archive, as the server has it)."""
    from calfeed.web import create_app

    client = create_app(config, store).test_client()
    events = store.events(EventQuery())
    first = min([today, *(event.first_day for event in events)])
    last = min(max([today, *(event.last_day for event in events)]), today + timedelta(days=31 * MONTHS_AHEAD))
    paths = ["/", "/sources", "/calendar"]  # /calendar: this month, as the server redirects
    paths += [f"/calendar/{year}/{month}" for year, month in _months(first, last)]
    paths += [event_path(event.uid) for event in events]
    for path in paths:
        response = client.get(path, follow_redirects=True)
        if response.status_code == 200:
            yield _index(unquote(path)), response.get_data()
    for asset in sorted(STATIC.iterdir()):
        yield f"static/{asset.name}", asset.read_bytes()
