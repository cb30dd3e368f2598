"""The tables, and how a database gets to the current schema version.

A new database is created at ``VERSION``; an older one is upgraded in place by
running ``MIGRATIONS`` in order inside one transaction, so a failed upgrade
leaves it at its old version. A database written by a newer calfeed is refused
rather than guessed at.
"""
from __future__ import annotations

import secrets
from datetime import UTC

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.types import TypeDecorator

from calfeed.store.text import VerbatimText, search_key


class SchemaError(RuntimeError):
    """The database cannot be used by this calfeed (newer schema, or not a calfeed database)."""


class UTCDateTime(TypeDecorator):
    """An aware moment, kept as naive UTC so SQLite and PostgreSQL store the same thing."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"expected a timezone-aware datetime, got {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


# UIDs sort byte-wise on both databases, so the listing order does not depend on a server's locale.
UID = String(120).with_variant(String(120, collation="C"), "postgresql")

metadata = MetaData()

schema_version = Table(
    "calfeed_schema", metadata,
    Column("version", Integer, nullable=False),
)

# One row: the change token (instance + counter) and when events or articles last changed.
revision = Table(
    "revision", metadata,
    Column("id", Integer, primary_key=True),
    Column("instance", String(32), nullable=False),  # random per database, so a rebuilt one never repeats a token
    Column("counter", BigInteger, nullable=False),
    Column("changed", UTCDateTime),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", VerbatimText, nullable=False, unique=True),
    Column("type", VerbatimText, nullable=False),
    Column("location", VerbatimText, nullable=False),
    Column("district", VerbatimText),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("key", VerbatimText, nullable=False),  # identity within the source: folder-relative path or URL
    Column("url", VerbatimText),
    Column("path", VerbatimText),
    Column("title", VerbatimText),
    Column("text", VerbatimText, nullable=False),
    Column("published", Date),
    Column("published_source", VerbatimText),
    Column("district", VerbatimText),
    Column("content_hash", VerbatimText, nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("fetched", UTCDateTime, nullable=False),  # when this text was stored
    Column("removed", UTCDateTime),  # gone from its source; kept so its cancelled events keep their context
    UniqueConstraint("source_id", "key", name="uq_articles_source_key"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", UID, nullable=False, unique=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("title", VerbatimText, nullable=False),
    # start/end as naive wall time; *_timed says whether the extractor gave a time of day or a day
    Column("start_at", DateTime, nullable=False),
    Column("start_timed", Boolean, nullable=False),
    Column("end_at", DateTime),
    Column("end_timed", Boolean),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("all_day", Boolean, nullable=False),
    Column("open_start", Boolean, nullable=False),
    Column("location", VerbatimText),
    Column("category", Text, nullable=False),
    Column("evidence", VerbatimText, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_modified", UTCDateTime, nullable=False),
    # folded copies for the text filters (since version 2)
    Column("search", Text, nullable=False, server_default=""),
    Column("place_key", Text, nullable=False, server_default=""),
    Index("ix_events_order", "start_at", "start_timed", "uid"),
    Index("ix_events_last_day", "last_day"),
    Index("ix_events_article", "article_id", "status"),
    Index("ix_events_status", "status", "start_at", "start_timed", "uid"),
    Index("ix_events_category", "category", "start_at", "start_timed", "uid"),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("started", UTCDateTime, nullable=False),
    Column("finished", UTCDateTime, nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("error", VerbatimText),
    Column("articles_seen", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("cancelled", Integer, nullable=False),
    Index("ix_runs_source", "source_id", "id"),
)

http_validators = Table(
    "http_validators", metadata,
    Column("url", VerbatimText, primary_key=True),
    Column("etag", VerbatimText),
    Column("last_modified", VerbatimText),
)


def _add_search_columns(conn: Connection) -> None:
    """1 -> 2: folded search columns, so a Traditional query finds Simplified text (and back)."""
    for name in ("search", "place_key"):
        conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} TEXT NOT NULL DEFAULT ''"))
    rows = conn.execute(select(events.c.id, events.c.title, events.c.location, events.c.evidence)).all()
    if rows:
        conn.execute(
            update(events).where(events.c.id == bindparam("row_id")),
            [{"row_id": row.id, "search": search_key(row.title, row.location, row.evidence),
              "place_key": search_key(row.location)} for row in rows],
        )


# MIGRATIONS[n - 1] upgrades a database from version n to n + 1.
MIGRATIONS = (_add_search_columns,)
VERSION = len(MIGRATIONS) + 1


def ensure_schema(conn: Connection) -> None:
    """Create or upgrade the schema inside the caller's transaction, which holds the database's write lock."""
    found = inspect(conn)
    if not found.has_table(schema_version.name):
        if found.has_table(events.name):
            raise SchemaError("the database has calfeed tables but no schema version; it was not made by calfeed")
        metadata.create_all(conn)
        conn.execute(schema_version.insert().values(version=VERSION))
        conn.execute(revision.insert().values(id=1, instance=secrets.token_hex(8), counter=0, changed=None))
        return
    version = conn.execute(select(schema_version.c.version)).scalar_one()
    if version < 1:
        raise SchemaError(f"the database has an invalid schema version {version}")
    if version > VERSION:
        raise SchemaError(f"the database has schema version {version}, newer than this calfeed understands "
                          f"({VERSION}); upgrade calfeed to use it")
    for migrate in MIGRATIONS[version - 1:]:
        migrate(conn)
    if version < VERSION:
        conn.execute(update(schema_version).values(version=VERSION))
