"""The reads: Core selects of just the columns a record needs, one query per call.

Listings are ordered by start (day, then all-day before timed, then time) and
UID, which the indexes cover, so a page of 20 out of 100k events reads 20 rows.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, ColumnElement, Select, func, or_, select

from calfeed.query import EventQuery
from calfeed.records import RunRecord, SourceStatus, StoredArticle, StoredEvent
from calfeed.store.schema import articles, events, revision, runs, sources
from calfeed.store.text import search_key

_district = func.coalesce(articles.c.district, sources.c.district)

_EVENT_COLUMNS = (
    events.c.uid, events.c.sequence, events.c.status, events.c.title, events.c.start_at, events.c.start_timed,
    events.c.end_at, events.c.end_timed, events.c.all_day, events.c.location, events.c.category, events.c.evidence,
    events.c.confidence, events.c.first_seen, events.c.last_modified, sources.c.name, _district, articles.c.id,
    articles.c.url, articles.c.title, articles.c.published, events.c.open_start,
)
_EVENT_FROM = events.join(articles, events.c.article_id == articles.c.id).join(
    sources, articles.c.source_id == sources.c.id)
ORDER = (events.c.start_at, events.c.start_timed, events.c.uid)


def _stored_event(row) -> StoredEvent:
    (uid, sequence, status, title, start_at, start_timed, end_at, end_timed, all_day, location, category, evidence,
     confidence, first_seen, last_modified, source, district, article_id, article_url, article_title, published,
     open_start) = row
    return StoredEvent(
        uid=uid, sequence=sequence, status=status, title=title,
        start=start_at if start_timed else start_at.date(),
        end=None if end_at is None else end_at if end_timed else end_at.date(),
        all_day=all_day, location=location, category=category, evidence=evidence, confidence=confidence,
        first_seen=first_seen, last_modified=last_modified, source=source, district=district,
        article_id=article_id, article_url=article_url, article_title=article_title, published=published,
        open_start=open_start,
    )


def _filters(query: EventQuery | None, since: date | None, before: date | None = None) -> list[ColumnElement[bool]]:
    """The WHERE clauses for a filter; only ``source`` looks past the events table."""
    c = events.c
    where: list[ColumnElement[bool]] = []
    if since is not None:
        where.append(c.last_day >= since)
    if before is not None:
        where.append(c.last_day < before)
    if query is None:
        return where
    if query.date_from is not None:
        where.append(c.last_day >= query.date_from)
    if query.date_to is not None:
        where.append(c.first_day <= query.date_to)
    if query.category:
        where.append(c.category == query.category)
    if query.status:
        where.append(c.status == query.status)
    if query.place:
        where.append(c.place_key.contains(search_key(query.place), autoescape=True))
    if query.q:
        where.append(c.search.contains(search_key(query.q), autoescape=True))
    if query.source:
        named = (select(articles.c.id).join(sources, articles.c.source_id == sources.c.id)
                 .where(or_(sources.c.name == query.source, _district == query.source))
                 .correlate(None))  # its own articles and sources, not the listing's joined ones
        where.append(c.article_id.in_(named))
    return where


def event_select(query: EventQuery | None = None, since: date | None = None, before: date | None = None,
                 newest_first: bool = False) -> Select:
    order = [column.desc() for column in ORDER] if newest_first else ORDER
    return select(*_EVENT_COLUMNS).select_from(_EVENT_FROM).where(*_filters(query, since, before)).order_by(*order)


def list_events(conn: Connection, query: EventQuery | None, since: date | None, limit: int | None,
                offset: int, before: date | None = None, newest_first: bool = False) -> list[StoredEvent]:
    statement = event_select(query, since, before, newest_first)
    if limit is not None:
        statement = statement.limit(limit)
    if offset:
        statement = statement.offset(offset)
    return [_stored_event(row) for row in conn.execute(statement)]


def count_events(conn: Connection, query: EventQuery | None, since: date | None, before: date | None = None) -> int:
    return conn.execute(select(func.count()).select_from(events).where(*_filters(query, since, before))).scalar_one()


def one_event(conn: Connection, uid: str) -> StoredEvent | None:
    row = conn.execute(select(*_EVENT_COLUMNS).select_from(_EVENT_FROM).where(events.c.uid == uid)).first()
    return _stored_event(row) if row else None


def one_article(conn: Connection, article_id: int) -> StoredArticle | None:
    a = articles.c
    row = conn.execute(
        select(a.id, sources.c.name, a.url, a.path, a.title, a.text, a.published, a.published_source, a.fetched)
        .join(sources, a.source_id == sources.c.id).where(a.id == article_id)
    ).first()
    if row is None:
        return None
    return StoredArticle(id=row.id, source=row.name, url=row.url, path=row.path, title=row.title, text=row.text,
                         published=row.published, published_source=row.published_source, fetched=row.fetched)


def article_hashes(conn: Connection, source: str) -> dict[str, str]:
    rows = conn.execute(
        select(articles.c.key, articles.c.content_hash).join(sources, articles.c.source_id == sources.c.id)
        .where(sources.c.name == source, articles.c.removed.is_(None))
    )
    return {key: digest for key, digest in rows}


def source_statuses(conn: Connection) -> list[SourceStatus]:
    live = (select(articles.c.source_id, func.count().label("n")).where(articles.c.removed.is_(None))
            .group_by(articles.c.source_id).subquery())
    confirmed = (select(articles.c.source_id, func.count().label("n"))
                 .select_from(events.join(articles, events.c.article_id == articles.c.id))
                 .where(events.c.status == "confirmed").group_by(articles.c.source_id).subquery())
    latest = select(runs.c.source_id, func.max(runs.c.id).label("id")).group_by(runs.c.source_id).subquery()
    rows = conn.execute(
        select(sources.c.name, sources.c.type, sources.c.location, sources.c.district, runs.c.finished, runs.c.ok,
               runs.c.error, func.coalesce(live.c.n, 0), func.coalesce(confirmed.c.n, 0))
        .outerjoin(live, live.c.source_id == sources.c.id)
        .outerjoin(confirmed, confirmed.c.source_id == sources.c.id)
        .outerjoin(latest, latest.c.source_id == sources.c.id)
        .outerjoin(runs, runs.c.id == latest.c.id)
    )
    found = [SourceStatus(name=name, type=kind, location=location, district=district, last_run=finished,
                          last_ok=ok, last_error=error, articles=article_count, events=event_count)
             for name, kind, location, district, finished, ok, error, article_count, event_count in rows]
    return sorted(found, key=lambda status: status.name)  # in Python: the same order whatever the server's locale


def run_records(conn: Connection, source: str | None, limit: int) -> list[RunRecord]:
    r = runs.c
    statement = (select(r.id, sources.c.name, r.started, r.finished, r.ok, r.error, r.articles_seen, r.added,
                        r.updated, r.cancelled)
                 .join(sources, r.source_id == sources.c.id).order_by(r.finished.desc(), r.id.desc()).limit(limit))
    if source is not None:
        statement = statement.where(sources.c.name == source)
    return [RunRecord(*row) for row in conn.execute(statement)]


def change_token(conn: Connection) -> str:
    instance, counter = conn.execute(select(revision.c.instance, revision.c.counter)).one()
    return f"{instance}-{counter}"


def last_change(conn: Connection) -> datetime | None:
    return conn.execute(select(revision.c.changed)).scalar_one()
