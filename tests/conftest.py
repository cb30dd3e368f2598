"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``CALFEED_TEST_POSTGRES_URL`` (scripts/test sets it after
scripts/ensure-postgres); each test gets a schema of its own, named in the URL
as the connection's search_path so that subprocesses and a second ``Store``
see the same tables, and dropped afterwards.
"""
from __future__ import annotations

import os
from uuid import uuid4

import pytest

POSTGRES_ENV = "CALFEED_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_server():
    """An engine on the test server's database, or a skip saying why there is none."""
    import sqlalchemy

    from calfeed.store.engine import database_url

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set (scripts/test sets it; scripts/ensure-postgres starts a server)")
    engine = sqlalchemy.create_engine(database_url(url), poolclass=sqlalchemy.pool.NullPool)
    try:
        with engine.connect():
            pass
    except sqlalchemy.exc.OperationalError as exc:
        engine.dispose()
        pytest.skip(f"PostgreSQL at {engine.url.render_as_string()} is unreachable: {str(exc).splitlines()[0]}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """A database URL no other test uses: a file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    from sqlalchemy import text

    server = request.getfixturevalue("postgres_server")
    schema = f"calfeed_test_{uuid4().hex[:12]}"
    with server.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with server.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    request.addfinalizer(drop)
    url = server.url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def store(store_url):
    from calfeed.store import Store

    opened = Store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 (tests/http_fixture.py) for the source and refresh tests."""
    from http_fixture import LoopbackServer

    with LoopbackServer() as running:
        yield running
