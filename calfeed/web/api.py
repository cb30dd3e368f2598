"""``/api/events``: the listing's filter as JSON, for scripts and other sites.

Events come in start order (the store's order) so pages are stable; times carry
the site's UTC offset so a consumer never has to guess the zone.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, jsonify, request

from calfeed.query import EventQuery
from calfeed.records import CATEGORY_LABELS, StoredEvent
from calfeed.web import links
from calfeed.web.pages import check_page, last_page

bp = Blueprint("api", __name__, url_prefix="/api")

PAGE_SIZE = 50


def _moment(value: date | datetime | None, zone: ZoneInfo, is_timed: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if not is_timed:
            return value.date().isoformat()
        return (value if value.tzinfo else value.replace(tzinfo=zone)).isoformat()
    return value.isoformat()


def event_json(event: StoredEvent, base_url: str, zone: ZoneInfo) -> dict:
    is_timed = links.timed(event)
    return {
        "uid": event.uid,
        "sequence": event.sequence,
        "status": event.status,
        "title": event.title,
        "start": _moment(event.start, zone, is_timed),
        "end": _moment(event.end, zone, is_timed),
        "all_day": not is_timed,
        "first_day": event.first_day.isoformat(),
        "last_day": event.last_day.isoformat(),
        "location": event.location,
        "category": event.category,
        "category_label": CATEGORY_LABELS.get(event.category, event.category),
        "evidence": event.evidence,
        "confidence": round(event.confidence, 2),
        "source": event.source,
        "district": event.district,
        "article_url": event.article_url,
        "article_title": event.article_title,
        "published": event.published.isoformat() if event.published else None,
        "first_seen": event.first_seen.isoformat(),
        "last_modified": event.last_modified.isoformat(),
        "url": base_url + links.event_path(event.uid),
        "ics": base_url + links.event_path(event.uid) + ".ics",
    }


@bp.get("/events")
def events():
    config = current_app.config["CALFEED"]
    store = current_app.extensions["calfeed.shown"]
    query = EventQuery.from_params(request.args)
    total = store.count_events(query)
    check_page(query, total, PAGE_SIZE)
    pages = last_page(total, PAGE_SIZE)
    found = store.events(query, limit=PAGE_SIZE, offset=(query.page - 1) * PAGE_SIZE)
    base = config.site.base_url
    page_url = lambda number: base + "/api/events" + query.with_page(number).query_string()  # noqa: E731
    return jsonify(
        query=dict(query.to_params(page=False)),
        page=query.page,
        per_page=PAGE_SIZE,
        total=total,
        pages=pages,
        next=page_url(query.page + 1) if query.page < pages else None,
        prev=page_url(query.page - 1) if query.page > 1 else None,
        feeds=links.feed_urls(query, base),
        events=[event_json(event, base, config.site.tz) for event in found],
    )
