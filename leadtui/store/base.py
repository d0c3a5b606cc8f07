"""The store's plumbing: connections, the lazily made ORM engine, sessions, errors.

:class:`~leadtui.store.LeadStore` is built on this in layers (reads, writes,
touches); each public method of those is one unit of work (one user action).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from leadtui.domain.rows import Clock
from leadtui.i18n import _
from leadtui.storage.sqlite.db import READ_ONLY_OPTION, connect_sqlite, make_engine, sqlite_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


def system_clock() -> datetime:
    """The real time, aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class StoreBase:
    """Connections and transactions for one database file; no lead logic."""

    def __init__(self, path: Path, *, clock: Clock = system_clock, read_only: bool = False) -> None:
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []

    def _read(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_sqlite(self.path, read_only=self.read_only)
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._engine_lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def _raw_connection(self) -> Iterator[sqlite3.Connection]:
        """A stdlib connection of its own for one bulk job (import, revert, bulk insert).

        Storage failures come out as :class:`~leadtui.domain.errors.LeadtuiError`; the
        connection is closed afterwards, so a worker thread may use it.
        """
        conn = connect_sqlite(self.path, read_only=self.read_only)
        try:
            yield conn
        except Exception as error:
            self._raise_storage_error(error)
            raise
        finally:
            conn.close()

    def engine(self) -> Engine:
        """The SQLAlchemy engine, created on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = make_engine(
                    sqlite_url(self.path), read_only_path=self.path if self.read_only else None
                )
            return self._engine

    def warm_up(self) -> None:
        """Import the ORM and open the engine now (call from a worker after the first frame)."""
        import leadtui.domain.validation  # noqa: F401
        import leadtui.storage.models  # noqa: F401

        with self.engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error."""
        from sqlmodel import Session

        with Session(self.engine(), expire_on_commit=False) as session:
            if self.read_only:
                from sqlalchemy import event

                event.listen(session, "before_flush", self._refuse_write)
            try:
                yield session
                session.commit()
            except BaseException as error:
                session.rollback()
                self._raise_storage_error(error)
                raise

    @contextmanager
    def _read_session(self) -> Iterator[Session]:
        """A session that only reads: a plain deferred BEGIN, never the write lock.

        A long write in another program (an import) then never blocks it; it sees the
        last committed state, as the stdlib reads do.
        """
        from sqlmodel import Session

        with Session(self.engine(), expire_on_commit=False) as session:
            session.connection(execution_options={READ_ONLY_OPTION: True})
            try:
                yield session
            except BaseException as error:
                self._raise_storage_error(error)
                raise
            finally:
                # Detached first, what was read stays loaded (a rollback expires attributes).
                session.expunge_all()
                session.rollback()

    @staticmethod
    def _raise_storage_error(error: BaseException) -> None:
        """Re-raise a full disk, I/O error or lock timeout as a clear LeadtuiError."""
        from leadtui.storage.errors import storage_error

        friendly = storage_error(error)
        if friendly is not None:
            raise friendly from error

    def _refuse_write(self, *_args: object) -> None:
        """Raise :class:`ReadOnlyError` (the store was opened read-only)."""
        from leadtui.domain.errors import ReadOnlyError

        raise ReadOnlyError(
            _("{path} is open read-only: changes are disabled.").format(path=self.path)
        )

    def close(self) -> None:
        """Close every connection this store opened."""
        with self._engine_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self._local = threading.local()

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.clock()

    def release_reader(self) -> None:
        """Close this thread's read connection (call at the end of a worker thread)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._engine_lock:
            if conn in self._connections:
                self._connections.remove(conn)
        conn.close()
