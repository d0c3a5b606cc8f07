"""PostgreSQL fixtures: one real server per test session (per xdist worker), a fresh
database per test made by ``CREATE DATABASE … TEMPLATE`` from a schema-initialised (or
sample-data) template, and the ``backend_kind`` switch the store fixtures follow.

Without PostgreSQL binaries the PostgreSQL cases are skipped with the reason; with
``CI=true`` they fail instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from postgres_server import PostgresServer, find_pg_bin, start_server
from psycopg.conninfo import conninfo_to_dict

if TYPE_CHECKING:
    from leadtui.store import LeadStore

BACKENDS = ("sqlite", "postgres")
both_backends = pytest.mark.both_backends
"""Mark a module, class or test: each test of it that uses a store runs once per backend."""

EMPTY_TEMPLATE = "leadtui_empty"
DEMO_TEMPLATE = "leadtui_demo"
_numbers = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers: run on both backends; a test that checks SQLite itself."""
    config.addinivalue_line(
        "markers", "both_backends: tests using a store run on SQLite and on PostgreSQL"
    )
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test checks SQLite itself (skipped on PostgreSQL)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``backend_kind`` for marked tests that use it (through a store fixture)."""
    if "backend_kind" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("backend_kind", BACKENDS, indirect=True)


def store_target(store: LeadStore) -> Path | str:
    """What opens a second store on the same database (another user): path or URL."""
    from leadtui.storage.postgres.backend import PostgresBackend

    backend = store.backend
    return backend.url if isinstance(backend, PostgresBackend) else store.path


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run on CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _admin(server: PostgresServer) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(server.url, autocommit=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this session (Unix socket only), with two template databases."""
    if find_pg_bin() is None:
        _unavailable("no initdb/pg_ctl found (install the postgresql package)")
    try:
        server = start_server()
    except (RuntimeError, OSError) as error:
        _unavailable(f"the server did not start ({error})")
        raise
    try:
        from conftest import fixed_clock

        from leadtui.store import LeadStore
        from leadtui.store.demo import load_sample

        with _admin(server) as conn:
            conn.execute(f"CREATE DATABASE {EMPTY_TEMPLATE}")
            conn.execute(f"CREATE DATABASE {DEMO_TEMPLATE}")
        for name, demo in ((EMPTY_TEMPLATE, False), (DEMO_TEMPLATE, True)):
            store = LeadStore.open(server.url_for(name), clock=fixed_clock)
            if demo:
                load_sample(store)
            store.close()
        yield server
    finally:
        server.stop()


def new_database(server: PostgresServer, template: str = EMPTY_TEMPLATE) -> str:
    """A fresh database copied from ``template``; its URL."""
    name = f"t{os.getpid()}_{next(_numbers)}"
    with _admin(server) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return server.url_for(name)


def drop_database(server: PostgresServer, url: str) -> None:
    """Drop the database of ``url`` (closing what is still connected)."""
    name = conninfo_to_dict(url)["dbname"]
    with _admin(server) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh database holding the empty leadtui schema."""
    url = new_database(pg_server)
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def pg_demo_url(pg_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh database holding the sample data."""
    url = new_database(pg_server, DEMO_TEMPLATE)
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def pg_blank_url(pg_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, truly empty database (no leadtui schema yet)."""
    url = new_database(pg_server, "template0")
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def backend_kind(request: pytest.FixtureRequest) -> str:
    """``sqlite`` unless the test is parametrized with :data:`both_backends`."""
    kind: str = getattr(request, "param", "sqlite")
    if kind == "postgres":
        marker = request.node.get_closest_marker("sqlite_only")
        if marker is not None:
            pytest.skip(f"SQLite only: {marker.args[0] if marker.args else 'checks SQLite'}")
    return kind
