"""Connections to a leadtui SQLite file: PRAGMAs, read-only opening, write transactions.

Both kinds: stdlib :mod:`sqlite3` connections (:func:`connect_sqlite`) and the
SQLAlchemy engine of the ORM (:func:`make_engine`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 10_000
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


SCHEMA_CHECK = "SELECT 1 FROM sqlite_master LIMIT 1"
"""Run first in every write transaction: reloads this connection's schema if it is stale.

SQLite compiles a statement against the schema the connection loaded earlier and
recompiles it when it finds another connection changed the schema (an import
drops and recreates the search trigger, say). Compiling an ``INSERT INTO lead``
against the stale schema fails outright ("no such table: lead") when the
search-index trigger is coded before another ``lead`` trigger: connecting the
FTS5 table during the compile notices the change and drops the connection's
schema while the rest of the statement is still being coded. Any statement
that reads ``sqlite_master`` once the write lock is held brings the schema up
to date, and no one can change it again before the transaction ends.
"""


def begin_write(conn: Any) -> None:
    """``BEGIN IMMEDIATE`` on ``conn``, then make sure its schema is current."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(SCHEMA_CHECK).fetchall()


def apply_pragmas(conn: Any) -> None:
    """Set the connection-level PRAGMAs every leadtui connection uses."""
    cursor = conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def is_read_only(path: Path) -> bool:
    """True when ``path`` (or its folder, for a new file or the -wal/-shm) must not be written.

    Besides the OS's answer, a missing owner-write bit counts: ``chmod a-w`` means
    read-only even for root, who could write anyway.
    """
    import stat

    folder = path.parent
    for target in (path, folder) if path.exists() else (folder,):
        try:
            mode = target.stat().st_mode
        except OSError:
            return False
        if not os.access(target, os.W_OK) or not mode & stat.S_IWUSR:
            return True
    return False


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """The ``file:`` URI that opens ``path`` read-only (``immutable`` if no -shm can be made)."""
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def connect_sqlite(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A stdlib connection with leadtui's PRAGMAs, in autocommit mode.

    Read-only: when the folder is not writable SQLite cannot create the -shm
    file a WAL database needs, so the file is opened as immutable instead.
    """
    if not read_only:
        conn = sqlite3.connect(
            path.resolve().as_uri(),
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        apply_pragmas(conn)
        return conn
    for immutable in (False, True):
        conn = sqlite3.connect(
            read_only_uri(path, immutable=immutable),
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only=ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            if immutable:
                raise
            continue
        return conn
    raise AssertionError("unreachable")


@contextmanager
def immediate_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` on an autocommit stdlib connection; commit, or roll back on error.

    IMMEDIATE takes the write lock at once, so a writer waits (busy timeout) at the
    start instead of failing half-way when another program writes too.
    """
    begin_write(conn)
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


READ_ONLY_OPTION = "leadtui_read_only"
"""Execution option of a connection that only reads: its transaction is a deferred BEGIN."""


def make_engine(url: str, *, read_only_path: Path | None = None) -> Engine:
    """Create the SQLAlchemy engine; SQLite gets PRAGMAs and ``BEGIN IMMEDIATE`` writes.

    With ``read_only_path`` the engine reads that file through read-only connections.
    """
    from sqlalchemy import create_engine, event

    if read_only_path is not None:
        ro_path = read_only_path
        return create_engine("sqlite://", creator=lambda: connect_sqlite(ro_path, read_only=True))
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so it can be IMMEDIATE.
        dbapi_conn.isolation_level = None
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
        if read_only:
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.exec_driver_sql(SCHEMA_CHECK).fetchall()

    return engine
