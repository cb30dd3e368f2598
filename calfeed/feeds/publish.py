"""Which events a feed holds and what it says about itself, from the store and the config.

Shared by the cache (web) and the static export so both publish the same bytes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from calfeed.config import Config
from calfeed.feeds import EPOCH, FeedInfo
from calfeed.feeds.items import event_url
from calfeed.feeds.kinds import EVENT_ICS, FeedKind
from calfeed.feeds.text import clean_line
from calfeed.query import EventQuery
from calfeed.records import CATEGORY_LABELS, StoredEvent


@dataclass(frozen=True)
class Rendered:
    """A feed's bytes with what HTTP and the static export need to know about them."""

    body: bytes
    content_type: str
    etag: str  # strong: a hash of the bytes, without quotes
    last_modified: datetime | None  # the latest change of what the feed holds


def site_today(config: Config) -> date:
    return datetime.now(config.site.tz).date()


def window_events(store, config: Config, query: EventQuery, today: date) -> list[StoredEvent]:
    """Past events for ``feeds.window_days`` plus all future ones; an explicit ``from`` replaces the window."""
    since = None if query.date_from else today - timedelta(days=config.feeds.window_days)
    return store.events(replace(query, page=1), since=since)


def describe(query: EventQuery) -> str:
    """The filter in words, for a feed's title: ``体育 · 人民公园 · 2025-03-01 起``."""
    parts = []
    if query.category:
        parts.append(CATEGORY_LABELS.get(query.category, query.category))
    for value in (query.place, query.source):
        if value:
            parts.append(clean_line(value))
    if query.q:
        parts.append(f"“{clean_line(query.q)}”")
    if query.date_from and query.date_to:
        parts.append(f"{query.date_from}–{query.date_to}")
    elif query.date_from:
        parts.append(f"{query.date_from} 起")
    elif query.date_to:
        parts.append(f"至 {query.date_to}")
    if query.status:
        parts.append({"cancelled": "已取消", "confirmed": "未取消"}.get(query.status, query.status))
    return " · ".join(parts)


def _updated(events: list[StoredEvent], store) -> datetime | None:
    """The feed's latest real change: its newest event, or for an empty feed the store's newest change."""
    if events:
        return max(event.last_modified for event in events)
    return store.last_change()


def _rendered(kind: FeedKind, events: list[StoredEvent], info: FeedInfo, updated: datetime | None) -> Rendered:
    body = kind.render(events, info)
    return Rendered(body, kind.content_type, hashlib.sha256(body).hexdigest()[:40], updated)


def render_feed(store, config: Config, kind: FeedKind, query: EventQuery, today: date) -> Rendered:
    events = window_events(store, config, query, today)
    updated = _updated(events, store)
    site = config.site
    qs = query.query_string(page=False)
    filtered = describe(query)
    info = FeedInfo(
        title=f"{site.name} · {filtered}" if filtered else site.name,
        description=site.description,
        base_url=site.base_url,
        self_url=site.base_url + kind.path + qs,
        page_url=site.base_url + "/" + qs,
        timezone=site.timezone,
        language=site.language,
        refresh_minutes=config.feeds.refresh_minutes,
        updated=updated or EPOCH,
    )
    return _rendered(kind, events, info, updated)


def render_event(store, config: Config, uid: str) -> Rendered | None:
    """One event as its own calendar, for "add to calendar" from the event page; None if unknown."""
    event = store.event(uid)
    if event is None:
        return None
    site = config.site
    page = event_url(site.base_url, event.uid)
    info = FeedInfo(
        title=f"{site.name} · {clean_line(event.title)}",
        description=site.description,
        base_url=site.base_url,
        self_url=page + ".ics",
        page_url=page,
        timezone=site.timezone,
        language=site.language,
        refresh_minutes=config.feeds.refresh_minutes,
        updated=event.last_modified,
    )
    return _rendered(EVENT_ICS, [event], info, event.last_modified)
