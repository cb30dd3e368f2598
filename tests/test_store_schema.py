"""The store's database over time: upgrades in place, refuses a newer one, survives a killed writer."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime

import pytest
import sqlalchemy
from sqlalchemy import text

from calfeed.query import EventQuery
from calfeed.store import SchemaError, Store
from calfeed.store.engine import database_url
from calfeed.store.schema import VERSION
from extract import Event


def raw(store_url: str) -> sqlalchemy.Engine:
    """The same database without the store, to change it by hand."""
    return sqlalchemy.create_engine(database_url(store_url), poolclass=sqlalchemy.pool.NullPool)


def version(store_url: str) -> int:
    with raw(store_url).connect() as conn:
        return conn.execute(text("SELECT version FROM calfeed_schema")).scalar_one()


def columns(store_url: str) -> dict[str, list[str]]:
    with raw(store_url).connect() as conn:
        found = sqlalchemy.inspect(conn)
        return {table: sorted(c["name"] for c in found.get_columns(table)) for table in sorted(found.get_table_names())}


def traditional_article(store: Store) -> None:
    store.upsert_article("taipei", "a.txt", text="大安區圖書館舉辦讀書會。", title="讀書會", events=[
        Event(title="親子讀書會", start=date(2025, 3, 8), end=None, all_day=True, location="大安區圖書館",
              category="culture", evidence="大安區圖書館舉辦讀書會。", confidence=0.8)])


def as_version_1(store_url: str, *, keep: tuple[str, ...] = ()) -> None:
    """Turn a current database into what version 1 wrote: no folded search columns."""
    with raw(store_url).begin() as conn:
        for name in ("search", "place_key"):
            if name not in keep:
                conn.execute(text(f"ALTER TABLE events DROP COLUMN {name}"))
        conn.execute(text("UPDATE calfeed_schema SET version = 1"))


def test_a_new_database_is_at_the_current_version(store_url):
    Store(store_url).close()
    assert version(store_url) == VERSION == 2


def test_a_version_1_database_is_upgraded_in_place_keeping_its_data(store_url, tmp_path):
    store = Store(store_url)
    traditional_article(store)
    store.record_run("taipei", started=datetime(2025, 3, 1, tzinfo=UTC), finished=datetime(2025, 3, 1, tzinfo=UTC),
                     ok=True)
    before, token = store.events(), store.change_token()
    store.close()
    fresh = columns(store_url)
    as_version_1(store_url)
    assert "search" not in columns(store_url)["events"]

    upgraded = Store(store_url)
    assert version(store_url) == VERSION
    assert columns(store_url) == fresh
    assert upgraded.events() == before and upgraded.change_token() == token
    assert len(upgraded.runs()) == 1
    # the new columns were filled from the old rows: Simplified finds Traditional
    assert [e.title for e in upgraded.events(EventQuery(q="亲子读书"))] == ["親子讀書會"]
    assert [e.title for e in upgraded.events(EventQuery(place="大安区"))] == ["親子讀書會"]
    upgraded.close()
    Store(store_url).close()  # opening an up-to-date database again changes nothing
    assert version(store_url) == VERSION


def test_a_failed_upgrade_leaves_the_database_at_its_old_version(store_url):
    store = Store(store_url)
    traditional_article(store)
    store.close()
    as_version_1(store_url, keep=("place_key",))  # the migration's second ALTER will fail
    with pytest.raises(sqlalchemy.exc.DatabaseError):
        Store(store_url)
    assert version(store_url) == 1
    assert "search" not in columns(store_url)["events"]  # the first ALTER was rolled back too


def test_a_database_from_a_newer_calfeed_is_refused_clearly(store_url):
    store = Store(store_url)
    traditional_article(store)
    store.close()
    with raw(store_url).begin() as conn:
        conn.execute(text("UPDATE calfeed_schema SET version = :v"), {"v": VERSION + 1})
    with pytest.raises(SchemaError, match=rf"schema version {VERSION + 1}, newer than this calfeed understands "
                                          rf"\({VERSION}\); upgrade calfeed"):
        Store(store_url)
    assert version(store_url) == VERSION + 1


def test_tables_that_calfeed_did_not_make_are_refused(store_url):
    with raw(store_url).begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT)"))
    with pytest.raises(SchemaError, match="not made by calfeed"):
        Store(store_url)


def test_other_tables_in_the_database_are_left_alone(store_url):
    with raw(store_url).begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(text("INSERT INTO notes (id, body) VALUES (1, 'mine')"))
    Store(store_url).close()
    with raw(store_url).connect() as conn:
        assert conn.execute(text("SELECT body FROM notes")).scalar_one() == "mine"


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from datetime import UTC, date, datetime, timedelta
    from calfeed.store import Store
    from extract import Event

    store = Store(sys.argv[1])
    with store.transaction():
        for number in range(200):
            store.upsert_article("yangpu", f"{number}.txt", text=f"第{number}篇", events=[
                Event(title=f"活动{number}-{k}", start=date(2025, 3, 1) + timedelta(days=k), end=None, all_day=True,
                      location="礼堂", category="culture", evidence="活动。", confidence=0.8) for k in range(5)])
        store.upsert_article("yangpu", "kept.txt", text="改过的文章", events=[])
        store.remove_article("yangpu", "gone.txt")
        store.record_run("yangpu", started=datetime.now(UTC), finished=datetime.now(UTC), ok=True)
        store.save_http_validators("http://n.test/rss", '"v2"', None)
        print("inside", flush=True)
        time.sleep(120)
""")


def test_a_writer_killed_inside_its_transaction_leaves_the_state_from_before_it(store_url):
    store = Store(store_url)
    for key in ("kept.txt", "gone.txt"):
        store.upsert_article("yangpu", key, text=key, events=[
            Event(title=key, start=date(2025, 3, 1), end=None, all_day=True, location=None, category="other",
                  evidence=key, confidence=0.5)])
    before = (store.events(), store.article_hashes("yangpu"), store.change_token(), store.runs(),
              store.http_validators("http://n.test/rss"), store.sources())
    store.close()

    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, store_url], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        ready, _, _ = select.select([writer.stdout], [], [], 120)
        assert ready and writer.stdout.readline() == "inside\n", "the writer never got inside its transaction"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    reopened = Store(store_url)
    after = (reopened.events(), reopened.article_hashes("yangpu"), reopened.change_token(), reopened.runs(),
             reopened.http_validators("http://n.test/rss"), reopened.sources())
    assert after == before
    # and the database takes writes again at once: no lock outlived the writer
    change = reopened.upsert_article("yangpu", "new.txt", text="新文章", events=[])
    assert change.changed and set(reopened.article_hashes("yangpu")) == {"kept.txt", "gone.txt", "new.txt"}
    reopened.close()
