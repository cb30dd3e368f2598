"""``Store``: the one object the refresh, the feeds and the pages share, over SQLite or PostgreSQL.

Transactions are per thread. ``transaction()`` makes one DB transaction of
everything inside it; outside one, each write is a transaction of its own.
Inside one, each write method runs in a savepoint, so a write that fails
leaves the rest of the transaction usable. The change token moves once per
transaction that changed something, just before it commits.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, text, update

from calfeed.config import SourceConfig
from calfeed.query import EventQuery
from calfeed.records import RunRecord, SourceStatus, StoredArticle, StoredEvent
from calfeed.store import articles, queries, runs
from calfeed.store.articles import ArticleChange
from calfeed.store.engine import WRITE, make_engine
from calfeed.store.schema import ensure_schema, revision
from extract import Event

_SCHEMA_LOCK = 0x63616C66  # PostgreSQL advisory lock key ("calf") held while creating or upgrading


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _Transaction:
    conn: Connection
    changed: bool = False  # something an event listing shows changed: move the token at commit


class Store:
    def __init__(self, url: str, *, clock: Callable[[], datetime] | None = None):
        """Open ``url`` (``sqlite:///path`` or ``postgresql://...``), creating or upgrading its schema."""
        self._clock = clock or _utc_now
        self._engine = make_engine(url)
        self._sqlite = self._engine.dialect.name == "sqlite"
        # SQLite has one writer at a time: threads of this process queue here rather than on the busy timeout.
        self._write_lock = threading.Lock() if self._sqlite else nullcontext()
        self._local = threading.local()
        try:
            with self._begin() as tx:
                if not self._sqlite:
                    tx.conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
                ensure_schema(tx.conn)
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        self._engine.dispose()

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError(f"the store's clock must return an aware datetime, got {now!r}")
        return now

    # transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One database transaction for everything inside: committed at the end, rolled back on an exception.

        A transaction already open in this thread is joined, not nested.
        """
        with self._begin():
            yield

    @contextmanager
    def _begin(self) -> Iterator[_Transaction]:
        current: _Transaction | None = getattr(self._local, "tx", None)
        if current is not None:
            yield current
            return
        with self._write_lock, self._engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                tx = self._local.tx = _Transaction(conn)
                try:
                    yield tx
                    if tx.changed:
                        conn.execute(update(revision).values(counter=revision.c.counter + 1, changed=self._now()))
                finally:
                    self._local.tx = None

    @contextmanager
    def _write(self) -> Iterator[_Transaction]:
        """A write on its own: its own transaction, or a savepoint in the thread's open one."""
        current: _Transaction | None = getattr(self._local, "tx", None)
        if current is None:
            with self._begin() as tx:
                yield tx
        else:
            with current.conn.begin_nested():
                yield current

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        current: _Transaction | None = getattr(self._local, "tx", None)
        if current is not None:
            yield current.conn  # inside a transaction, reads see its writes
        else:
            with self._engine.connect() as conn:
                yield conn

    # writes

    def sync_sources(self, sources: Iterable[SourceConfig]) -> None:
        """Register the configured sources with their type, location and district."""
        with self._write() as tx:
            if runs.sync_sources(tx.conn, sources):
                tx.changed = True

    def upsert_article(self, source: str, key: str, *, text: str, events: Sequence[Event], title: str | None = None,
                       url: str | None = None, path: str | None = None, published: date | None = None,
                       published_source: str | None = None, district: str | None = None,
                       content_hash: str | None = None) -> ArticleChange:
        """Store an article and its extracted events; the same ``content_hash`` as stored changes nothing."""
        digest = content_hash or articles.text_hash(text)
        with self._write() as tx:
            change = articles.upsert_article(
                tx.conn, self._now(), source, key, events, text=text, digest=digest, title=title, url=url,
                path=path, published=published, published_source=published_source, district=district)
            if change.changed:
                tx.changed = True
        return change

    def remove_article(self, source: str, key: str) -> ArticleChange:
        """The article is gone from its source: keep it marked removed and cancel its events."""
        with self._write() as tx:
            change = articles.remove_article(tx.conn, self._now(), source, key)
            if change.changed:
                tx.changed = True
        return change

    def record_run(self, source: str, *, started: datetime, finished: datetime, ok: bool, error: str | None = None,
                   articles_seen: int = 0, added: int = 0, updated: int = 0, cancelled: int = 0) -> None:
        """Log one refresh of ``source`` (inside a transaction it is part of it, so call it after a rollback)."""
        with self._write() as tx:
            runs.record_run(tx.conn, source, started=started, finished=finished, ok=ok, error=error,
                            articles_seen=articles_seen, added=added, updated=updated, cancelled=cancelled)

    def save_http_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._write() as tx:
            runs.save_validators(tx.conn, url, etag, last_modified)

    # reads

    def http_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) from the last answer for ``url``, for a conditional GET."""
        with self._read() as conn:
            return runs.validators(conn, url)

    def article_hashes(self, source: str) -> dict[str, str]:
        """Key -> content hash of the source's live articles, for skipping unchanged documents."""
        with self._read() as conn:
            return queries.article_hashes(conn, source)

    def events(self, query: EventQuery | None = None, *, since: date | None = None, before: date | None = None,
               limit: int | None = None, offset: int = 0, newest_first: bool = False) -> list[StoredEvent]:
        """Matching events in start order (or the reverse); ``since``: only those whose last day is on or
        after it; ``before``: only those over before it (the listing's past)."""
        with self._read() as conn:
            return queries.list_events(conn, query, since, limit, offset, before, newest_first)

    def count_events(self, query: EventQuery | None = None, *, since: date | None = None,
                     before: date | None = None) -> int:
        with self._read() as conn:
            return queries.count_events(conn, query, since, before)

    def event(self, uid: str) -> StoredEvent | None:
        with self._read() as conn:
            return queries.one_event(conn, uid)

    def article(self, article_id: int) -> StoredArticle | None:
        with self._read() as conn:
            return queries.one_article(conn, article_id)

    def sources(self) -> list[SourceStatus]:
        """Every known source with its last run and its live articles and confirmed events, by name."""
        with self._read() as conn:
            return queries.source_statuses(conn)

    def runs(self, source: str | None = None, limit: int = 50) -> list[RunRecord]:
        """The run log, newest first."""
        with self._read() as conn:
            return queries.run_records(conn, source, limit)

    def change_token(self) -> str:
        """Moves on every change to what the event listings show; run records do not move it."""
        with self._read() as conn:
            return queries.change_token(conn)

    def last_change(self) -> datetime | None:
        with self._read() as conn:
            return queries.last_change(conn)
