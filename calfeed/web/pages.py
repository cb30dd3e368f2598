"""The HTML pages: the event listing, the month grid, one event, and the sources.

Every page reads its filter with ``EventQuery.from_params`` so a bad value is a
400 page naming the parameter, and writes links with ``query_string`` so one
filter has one URL.
"""
from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, datetime, timedelta
from math import ceil

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from calfeed.query import PARAMS, EventQuery, QueryError
from calfeed.records import CATEGORY_LABELS, StoredEvent
from calfeed.web import display, links

bp = Blueprint("pages", __name__)

PAGE_SIZE = 20
DAY_LIMIT = 4  # events listed in one month-grid cell before "另有 N 项"
MONTH_LIMIT = 2000  # events read for one month grid


def store():
    """The store as pages show it (see calfeed.web.shown)."""
    return current_app.extensions["calfeed.shown"]


def config():
    return current_app.config["CALFEED"]


def today() -> date:
    """Today in the site's time zone: what "upcoming" and "past" are measured from."""
    return datetime.now(config().site.tz).date()


def request_query() -> EventQuery:
    return EventQuery.from_params(request.args)


def canonical_redirect(query: EventQuery):
    """A filter form sends its empty fields too; answer with the filter's one URL instead."""
    if any(name in PARAMS and not value.strip() for name, value in request.args.items(multi=True)):
        return redirect(request.path + query.query_string(), code=302)
    return None


def last_page(total: int, size: int) -> int:
    return max(1, ceil(total / size))


def check_page(query: EventQuery, total: int, size: int) -> None:
    if query.page > last_page(total, size):
        raise QueryError(f"page: {query.page} is past the last page ({last_page(total, size)})")


def listing(query: EventQuery, day: date, size: int = PAGE_SIZE) -> tuple[list[StoredEvent], int, int]:
    """One page of the listing: (events, total, how many are ongoing or upcoming).

    Ongoing and upcoming events come first in start order, then past ones most
    recent first, back to the oldest: the page is also the archive (the feeds
    keep only ``feeds.window_days`` of the past). Each part is one paged read.
    """
    db = store()
    upcoming = db.count_events(query, since=day)
    past = db.count_events(query, before=day)
    offset = (query.page - 1) * size
    events: list[StoredEvent] = []
    if offset < upcoming:
        events = db.events(query, since=day, limit=size, offset=offset)
    if len(events) < size and offset + size > upcoming:
        events += db.events(query, before=day, newest_first=True, limit=size - len(events),
                            offset=max(0, offset - upcoming))
    return events, upcoming + past, upcoming


def page_links(query: EventQuery, pages: int, endpoint: str = "pages.index") -> dict:
    base = url_for(endpoint)
    link = lambda number: base + query.with_page(number).query_string()  # noqa: E731
    return {
        "prev": link(query.page - 1) if query.page > 1 else None,
        "next": link(query.page + 1) if query.page < pages else None,
        "first": link(1),
        "last": link(pages),
    }


def month_cells(events: list[StoredEvent], weeks: list[list[date]]) -> dict[date, list[StoredEvent]]:
    """Each grid day with the events running on it; a multi-day event is on every day it spans."""
    cells: dict[date, list[StoredEvent]] = {day: [] for week in weeks for day in week}
    grid_first, grid_last = weeks[0][0], weeks[-1][-1]
    for event in events:
        day = max(event.first_day, grid_first)
        while day <= min(event.last_day, grid_last):
            cells[day].append(event)
            day += timedelta(days=1)
    return cells


def shifted(year: int, month: int, months: int) -> tuple[int, int] | None:
    index = year * 12 + month - 1 + months
    new_year, new_month = divmod(index, 12)
    return (new_year, new_month + 1) if 1 <= new_year <= 9999 else None


@bp.app_context_processor
def page_helpers() -> dict:
    return {
        "when": display.when,
        "category_labels": CATEGORY_LABELS,
        "event_path": links.event_path,
        "site": config().site,
        "source_choices": sorted({s.name for s in config().sources} | {s.district for s in config().sources if s.district}),
    }


@bp.get("/")
def index():
    query = request_query()
    if moved := canonical_redirect(query):
        return moved
    day = today()
    events, total, upcoming = listing(query, day)
    pages = last_page(total, PAGE_SIZE)
    check_page(query, total, PAGE_SIZE)
    offset = (query.page - 1) * PAGE_SIZE
    return render_template(
        "index.html",
        query=query,
        today=day,
        upcoming=events[: max(0, upcoming - offset)],
        past=events[max(0, upcoming - offset):],
        total=total,
        pages=pages,
        paging=page_links(query, pages),
        feeds=links.subscribe_links(query, config().site.base_url, config().site.name),
        month_url=url_for("pages.month", year=day.year, month=day.month) + query.query_string(page=False),
    )


@bp.get("/calendar")
def this_month():
    day = today()
    return redirect(url_for("pages.month", year=day.year, month=day.month) + request_query().query_string(page=False))


@bp.get("/calendar/<int:year>/<int:month>")
def month(year: int, month: int):
    query = request_query()
    if moved := canonical_redirect(query):
        return moved
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise QueryError(f"month: {year}/{month} is not a month (use /calendar/YYYY/MM with MM from 1 to 12)")
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    grid = replace(query, date_from=weeks[0][0], date_to=weeks[-1][-1], page=1)
    events = store().events(grid, limit=MONTH_LIMIT)
    qs = query.query_string(page=False)
    around = {}
    for name, step in (("prev", -1), ("next", 1)):
        target = shifted(year, month, step)
        around[name] = url_for("pages.month", year=target[0], month=target[1]) + qs if target else None
    day_links = {day: url_for("pages.index") + replace(query, date_from=day, date_to=day, page=1).query_string()
                 for week in weeks for day in week}
    return render_template(
        "month.html",
        query=query,
        year=year,
        month=month,
        weeks=weeks,
        cells=month_cells(events, weeks),
        day_links=day_links,
        day_limit=DAY_LIMIT,
        today=today(),
        around=around,
        truncated=len(events) >= MONTH_LIMIT,
        feeds=links.subscribe_links(query, config().site.base_url, config().site.name),
        list_url=url_for("pages.index") + qs,
    )


@bp.get("/events/<uid>")
def event(uid: str):
    found = store().event(uid)
    if found is None:
        abort(404, description=f"没有编号为 {uid} 的活动，它可能已从来源中删除。")
    article = store().article(found.article_id)
    site = config().site
    return render_template(
        "event.html",
        event=found,
        article=article,
        excerpt=display.excerpt(article.text if article else None, found.evidence),
        today=today(),
        ics_url=links.event_path(found.uid) + ".ics",
        google_url=links.google_event_url(found, site.base_url, site.timezone),
        outlook_url=links.outlook_event_url(found, site.base_url, site.timezone),
        json_ld=links.script_json(links.event_json_ld(found, site.base_url, site.timezone)),
        month_url=url_for("pages.month", year=found.first_day.year, month=found.first_day.month),
        feeds=links.subscribe_links(EventQuery(), site.base_url, site.name),
    )


@bp.get("/sources")
def sources():
    return render_template("sources.html", sources=store().sources(), tz=config().site.tz,
                           feeds=links.subscribe_links(EventQuery(), config().site.base_url, config().site.name))
