"""What the refresh keeps between runs: the sources, each run's result, and HTTP validators.

Run results and validators are not events, so they do not move the change
token: an idle refresh leaves every feed's cache and page's ETag as it was. A
changed source setting does move it (a source's district shows with its events).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite

from calfeed.config import SourceConfig
from calfeed.store.schema import http_validators, runs, sources


def _insert(conn: Connection, table: Table):
    """An INSERT that can say ON CONFLICT, in the connection's dialect."""
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def source_id(conn: Connection, name: str) -> int:
    """The source's row id; a source nobody configured gets a row with an empty type and location."""
    found = conn.execute(select(sources.c.id).where(sources.c.name == name)).scalar()
    if found is not None:
        return found
    conn.execute(_insert(conn, sources).values(name=name, type="", location="", district=None)
                 .on_conflict_do_nothing(index_elements=["name"]))
    return conn.execute(select(sources.c.id).where(sources.c.name == name)).scalar_one()


def sync_sources(conn: Connection, configured: Iterable[SourceConfig]) -> bool:
    """Register the configured sources and their current settings; True if any row changed."""
    known = {row.name: row for row in conn.execute(
        select(sources.c.id, sources.c.name, sources.c.type, sources.c.location, sources.c.district))}
    changed = False
    for config in configured:
        wanted = {"type": config.type, "location": config.location, "district": config.district}
        row = known.get(config.name)
        if row is None:
            source_id(conn, config.name)
            conn.execute(update(sources).where(sources.c.name == config.name).values(**wanted))
        elif (row.type, row.location, row.district) != (config.type, config.location, config.district):
            conn.execute(update(sources).where(sources.c.id == row.id).values(**wanted))
        else:
            continue
        changed = True
    return changed


def record_run(conn: Connection, source: str, *, started: datetime, finished: datetime, ok: bool,
               error: str | None, articles_seen: int, added: int, updated: int, cancelled: int) -> None:
    conn.execute(runs.insert().values(
        source_id=source_id(conn, source), started=started, finished=finished, ok=ok, error=error,
        articles_seen=articles_seen, added=added, updated=updated, cancelled=cancelled,
    ))


def validators(conn: Connection, url: str) -> tuple[str | None, str | None]:
    row = conn.execute(select(http_validators.c.etag, http_validators.c.last_modified)
                       .where(http_validators.c.url == url)).first()
    return (row.etag, row.last_modified) if row else (None, None)


def save_validators(conn: Connection, url: str, etag: str | None, last_modified: str | None) -> None:
    insert = _insert(conn, http_validators).values(url=url, etag=etag, last_modified=last_modified)
    conn.execute(insert.on_conflict_do_update(
        index_elements=["url"], set_={"etag": insert.excluded.etag, "last_modified": insert.excluded.last_modified}))
