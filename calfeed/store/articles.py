"""Writing an article and its events: new, changed (events matched and updated in place), or removed.

Events are never deleted: one that leaves its article is cancelled, with its
SEQUENCE raised, so a subscribed calendar hears about it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from uuid import uuid4

from sqlalchemy import Connection, func, select, update

from calfeed.store import matching
from calfeed.store.runs import source_id
from calfeed.store.schema import articles, events, sources
from calfeed.store.text import search_key
from extract import Event


@dataclass(frozen=True)
class ArticleChange:
    """What storing (or removing) one article did to its events."""

    article_id: int | None  # None: remove_article named an article the store does not have
    added: int = 0
    updated: int = 0  # matched an event whose fields changed, or brought a cancelled one back
    cancelled: int = 0  # confirmed events that are now cancelled
    unchanged: int = 0  # matched events with nothing new (a new confidence alone is not news)
    changed: bool = False  # anything in the store changed at all


@dataclass
class _Stored:
    """A stored event as matching and comparing see it."""

    id: int
    sequence: int
    status: str
    title: str
    start: date | datetime
    end: date | datetime | None
    all_day: bool
    location: str | None
    category: str
    evidence: str
    open_start: bool
    confidence: float


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _moment(value: date | datetime, field: str) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValueError(f"event {field}: expected a naive wall time in the site's zone, got {value!r}")
        return value, True
    return datetime.combine(value, time()), False


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def event_values(event: Event) -> dict:
    """The columns an extracted event fills (everything but identity, sequence, status and times seen)."""
    start_at, start_timed = _moment(event.start, "start")
    end_at, end_timed = _moment(event.end, "end") if event.end is not None else (None, None)
    first_day = _day(event.start)
    last_day = max(first_day, _day(event.end)) if event.end is not None else first_day
    return {
        "title": event.title, "start_at": start_at, "start_timed": start_timed, "end_at": end_at,
        "end_timed": end_timed, "first_day": first_day, "last_day": last_day, "all_day": bool(event.all_day),
        "open_start": bool(event.open_start), "location": event.location, "category": event.category,
        "evidence": event.evidence, "confidence": float(event.confidence),
        "search": search_key(event.title, event.location, event.evidence), "place_key": search_key(event.location),
    }


def _stored_events(conn: Connection, article_id: int) -> list[_Stored]:
    c = events.c
    rows = conn.execute(
        select(c.id, c.sequence, c.status, c.title, c.start_at, c.start_timed, c.end_at, c.end_timed, c.all_day,
               c.location, c.category, c.evidence, c.open_start, c.confidence)
        .where(c.article_id == article_id)
        .order_by(c.status != "confirmed", c.id)
    )
    return [
        _Stored(id=r.id, sequence=r.sequence, status=r.status, title=r.title,
                start=r.start_at if r.start_timed else r.start_at.date(),
                end=None if r.end_at is None else r.end_at if r.end_timed else r.end_at.date(),
                all_day=r.all_day, location=r.location, category=r.category, evidence=r.evidence,
                open_start=r.open_start, confidence=r.confidence)
        for r in rows
    ]


def _find(conn: Connection, source: str, key: str):
    return conn.execute(
        select(articles.c.id, articles.c.content_hash, articles.c.removed)
        .join(sources, articles.c.source_id == sources.c.id)
        .where(sources.c.name == source, articles.c.key == key)
    ).first()


def _insert_events(conn: Connection, article_id: int, new: Sequence[Event], now: datetime) -> None:
    if new:
        conn.execute(events.insert(), [
            {**event_values(event), "uid": f"{uuid4().hex}@calfeed", "article_id": article_id, "sequence": 0,
             "status": "confirmed", "first_seen": now, "last_modified": now}
            for event in new
        ])


def upsert_article(conn: Connection, now: datetime, source: str, key: str, new_events: Sequence[Event], *,
                   text: str, digest: str, **fields) -> ArticleChange:
    """Store the article's text and ``fields`` (title, url, path, published, published_source, district)."""
    found = _find(conn, source, key)
    if found is not None and found.content_hash == digest and found.removed is None:
        confirmed = conn.execute(select(func.count()).where(
            events.c.article_id == found.id, events.c.status == "confirmed")).scalar_one()
        return ArticleChange(found.id, unchanged=confirmed)
    values = {**fields, "text": text, "content_hash": digest, "fetched": now, "removed": None}
    if found is None:
        article_id = conn.execute(
            articles.insert().values(source_id=source_id(conn, source), key=key, first_seen=now, **values)
            .returning(articles.c.id)
        ).scalar_one()
        _insert_events(conn, article_id, new_events, now)
        return ArticleChange(article_id, added=len(new_events), changed=True)
    article_id = found.id
    conn.execute(update(articles).where(articles.c.id == article_id).values(**values))
    pairs, gone, added = matching.match(_stored_events(conn, article_id), new_events)
    updated = unchanged = cancelled = 0
    for stored, event in pairs:
        row = update(events).where(events.c.id == stored.id)
        if matching.changed_fields(stored, event) or stored.status != "confirmed":
            conn.execute(row.values(**event_values(event), status="confirmed", sequence=stored.sequence + 1,
                                    last_modified=now))
            updated += 1
        else:
            if float(event.confidence) != stored.confidence:
                conn.execute(row.values(confidence=float(event.confidence)))
            unchanged += 1
    for stored in gone:
        if stored.status == "confirmed":
            conn.execute(update(events).where(events.c.id == stored.id)
                         .values(status="cancelled", sequence=stored.sequence + 1, last_modified=now))
            cancelled += 1
    _insert_events(conn, article_id, added, now)
    return ArticleChange(article_id, added=len(added), updated=updated, cancelled=cancelled, unchanged=unchanged,
                         changed=True)


def remove_article(conn: Connection, now: datetime, source: str, key: str) -> ArticleChange:
    """Mark the article gone and cancel its events; the article's text stays for the cancelled events' pages."""
    found = _find(conn, source, key)
    if found is None or found.removed is not None:
        return ArticleChange(found.id if found else None)
    conn.execute(update(articles).where(articles.c.id == found.id).values(removed=now))
    cancelled = conn.execute(
        update(events).where(events.c.article_id == found.id, events.c.status == "confirmed")
        .values(status="cancelled", sequence=events.c.sequence + 1, last_modified=now)
    ).rowcount
    return ArticleChange(found.id, cancelled=cancelled, changed=True)
