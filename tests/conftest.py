"""Shared fixtures: a store on a temporary SQLite file (or, for tests marked
``both_backends``, a fresh PostgreSQL database too), a fixed clock, the app factory."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a landing never fails on a
# new random draw; HYPOTHESIS_PROFILE=explore draws fresh ones each run.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Deterministic local time for "today"/"overdue" and for snapshots.
os.environ["TZ"] = "UTC"
time.tzset()
os.environ.setdefault("LEADTUI_REGION", "ES")
os.environ.pop("LEADTUI_DB", None)
# English unless a test asks for another language (snapshots are English), whatever the
# machine's LANG; the user's own settings file (a language chosen in the app) is not read.
os.environ["LEADTUI_LANG"] = "en"
# Both live in a folder of this session's own, never in the repo (the app may write them).
_SESSION_CONFIG = tempfile.mkdtemp(prefix="leadtui-test-config-")
os.environ["LEADTUI_SETTINGS"] = os.path.join(_SESSION_CONFIG, "settings.toml")
# Nor its scoring rules: the default rules, unless a test writes a file of its own.
os.environ["LEADTUI_SCORING"] = os.path.join(_SESSION_CONFIG, "scoring.toml")
# Nor its cache (the parsed stylesheets of leadtui.ui.css_cache, written by real starts).
os.environ["XDG_CACHE_HOME"] = os.path.join(_SESSION_CONFIG, "cache")
# One fixed user (team mode) whatever the login name or database role, so owners and actors
# read the same on both backends and in snapshots; tests/test_team_identity.py unsets it.
os.environ["LEADTUI_USER"] = "ana"
# No live-update listener in the app unless a test asks for one (tests/test_live.py).
os.environ["LEADTUI_LIVE"] = "0"

from leadtui.launch import make_app, open_store  # noqa: E402
from leadtui.store import LeadStore  # noqa: E402
from leadtui.ui.app import LeadApp  # noqa: E402

pytest_plugins = ["pg_fixtures"]

DEMO_NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
"""The fixed moment of sample_data/leads.json; every test clock reads it."""

SNAPSHOT_SIZE = (120, 36)


def fixed_clock() -> datetime:
    """A clock stopped at :data:`DEMO_NOW`."""
    return DEMO_NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a new database in a private temporary folder."""
    return tmp_path / "data" / "leads.db"


@pytest.fixture
def store(backend_kind: str, request: pytest.FixtureRequest) -> Iterator[LeadStore]:
    """An empty store (a temporary file, or a fresh PostgreSQL database), fixed clock."""
    target = request.getfixturevalue("pg_url" if backend_kind == "postgres" else "db_path")
    opened = open_store(target, clock=fixed_clock)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded once per test session with the sample data."""
    from leadtui.store.demo import load_sample

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    template = open_store(path, clock=fixed_clock)
    load_sample(template)
    template.close()
    return path


@pytest.fixture
def demo_store(backend_kind: str, request: pytest.FixtureRequest) -> Iterator[LeadStore]:
    """A private copy of the sample-data database (file or PostgreSQL), fixed clock."""
    import shutil

    if backend_kind == "postgres":
        opened = open_store(request.getfixturevalue("pg_demo_url"), clock=fixed_clock)
        yield opened
        opened.close()
        return
    demo_template: Path = request.getfixturevalue("demo_template")
    path = request.getfixturevalue("tmp_path") / "demo.db"
    shutil.copyfile(demo_template, path)
    os.chmod(path, 0o600)
    opened = open_store(path, clock=fixed_clock)
    yield opened
    opened.close()


AppFactory = Callable[[LeadStore], LeadApp]


@pytest.fixture
def app_factory() -> AppFactory:
    """The same factory the CLI uses."""

    def build(store: LeadStore) -> LeadApp:
        return make_app(store)

    return build


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Block network sockets: only AF_UNIX connections may be made (leadtui is offline)."""
    import socket

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(sock: socket.socket) -> None:
        if sock.family != getattr(socket, "AF_UNIX", None):
            raise OSError(f"network access blocked in tests ({sock.family!r})")

    def connect(self: socket.socket, address: object) -> None:
        guard(self)
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        guard(self)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot tests) with asyncio.run; no async plugin is installed."""
    import asyncio
    import inspect

    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
