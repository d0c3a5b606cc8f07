"""The SQLite backend's connections: one stdlib reader per thread, the lazily made ORM
engine, ORM sessions and raw units of work, and the translation of their failures.

Moved here from the store (``store/base.py``) so that no pragma, ``sqlite3`` type or
``BEGIN IMMEDIATE`` is left above the storage boundary.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from leadtui.i18n import _
from leadtui.storage.sqlite.connect import (
    READ_ONLY_OPTION,
    connect_sqlite,
    immediate_transaction,
    make_engine,
    sqlite_url,
)
from leadtui.storage.sqlite.team import SqliteTeam
from leadtui.storage.sqlite.write_check import check_wal_kept, refuse_unwritable
from leadtui.storage.thread_readers import ThreadReaders

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from leadtui.domain.errors import LeadtuiError


class SqliteConnections:
    """Connections and transactions for one database file; no lead logic."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self._path = path
        self._read_only = read_only
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._readers: ThreadReaders[sqlite3.Connection] = ThreadReaders()
        self._local = threading.local()
        """Per-thread values kept beside the thread's reader (the last search's counts)."""
        self._lost: LeadtuiError | None = None
        self._team = SqliteTeam(path, self.reader)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def team(self) -> SqliteTeam:
        """Team mode: no users, a ``data_version`` poll (:mod:`leadtui.storage.sqlite.team`)."""
        return self._team

    @property
    def read_only(self) -> bool:
        """True when every write is refused."""
        return self._read_only

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (``query_only``), opened on first use."""
        conn = self._readers.current()
        if conn is None:
            conn = connect_sqlite(self._path, read_only=self._read_only)
            conn.execute("PRAGMA query_only=ON")
            self._readers.add(conn)
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A stdlib connection of its own, autocommit, for one bulk job.

        Storage failures come out as :class:`~leadtui.domain.errors.LeadtuiError`; the
        connection is closed afterwards, so a worker thread may use it.
        """
        if self._read_only:
            self.refuse_write()
        self._refuse_if_lost()
        conn = connect_sqlite(self._path, read_only=self._read_only)
        try:
            yield conn
            if conn.total_changes:
                self._check_kept()
        except Exception as error:
            self.raise_storage_error(error)
            raise
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own inside ``BEGIN IMMEDIATE``: commit, or roll back on error."""
        with self.connection() as conn, immediate_transaction(conn):
            yield conn

    def engine(self) -> Engine:
        """The SQLAlchemy engine, created on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = make_engine(
                    sqlite_url(self._path), read_only_path=self._path if self._read_only else None
                )
            return self._engine

    def dispose_engine(self) -> None:
        """Drop the engine's pooled connections (they must not pin old WAL frames)."""
        if self._engine is not None:
            self._engine.dispose()

    def warm_up(self) -> None:
        """Import the ORM and open the engine now (call from a worker after the first frame)."""
        import leadtui.domain.validation  # noqa: F401
        import leadtui.storage.models  # noqa: F401

        with self.engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error."""
        from sqlmodel import Session

        if not self._read_only:
            self._refuse_if_lost()
        with Session(self.engine(), expire_on_commit=False) as session:
            if self._read_only:
                from sqlalchemy import event

                event.listen(session, "before_flush", self.refuse_write)
            try:
                yield session
                wrote = not self._read_only and _has_written(session)
                session.commit()
                if wrote:
                    self._check_kept()
            except BaseException as error:
                session.rollback()
                self.raise_storage_error(error)
                raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
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
                self.raise_storage_error(error)
                raise
            finally:
                # Detached first, what was read stays loaded (a rollback expires attributes).
                session.expunge_all()
                session.rollback()

    def translate_error(self, error: BaseException) -> LeadtuiError | None:
        """The readable error for a SQLite or SQLAlchemy failure, else ``None``; a lost
        file (disk I/O error) stops every later write."""
        from leadtui.domain.errors import DatabaseLost
        from leadtui.storage.sqlite.errors import driver_error

        friendly = error if isinstance(error, DatabaseLost) else driver_error(error)
        if isinstance(friendly, DatabaseLost):
            self._lost = friendly
        return friendly

    def _refuse_if_lost(self) -> None:
        """Before a write batch: refuse once the file is lost, gone, made read-only, or
        found damaged (by the daily check in the background, say)."""
        from leadtui.storage.sqlite.integrity import refuse_if_marked

        if self._lost is not None:
            raise self._lost
        refuse_unwritable(self._path)
        refuse_if_marked(self._path)

    def _check_kept(self) -> None:
        """After a commit, with its connection open: the -wal must still be there."""
        from leadtui.domain.errors import DatabaseLost

        try:
            check_wal_kept(self._path)
        except DatabaseLost as error:
            self._lost = error
            raise

    def raise_storage_error(self, error: BaseException) -> None:
        """Re-raise a driver failure (full disk, lock timeout, constraint) as a LeadtuiError."""
        friendly = self.translate_error(error)
        if friendly is not None:
            raise friendly from error

    def refuse_write(self, *_args: object) -> None:
        """Raise :class:`ReadOnlyError` (the database was opened read-only)."""
        from leadtui.domain.errors import ReadOnlyError

        raise ReadOnlyError(
            _("{path} is open read-only: changes are disabled.").format(path=self._path)
        )

    def close(self) -> None:
        """Close this backend's connections (a worker's reader is left to that worker, see
        :mod:`leadtui.storage.thread_readers`) and its engine."""
        self._readers.close_all()
        with self._engine_lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self._local = threading.local()

    def release_reader(self) -> None:
        """Close this thread's read connection (call at the end of a worker thread)."""
        self._readers.release()


def _has_written(session: Session) -> bool:
    """True when the session's connection has written (so it holds the -wal open)."""
    session.flush()
    if not session.in_transaction():
        return False
    raw = session.connection().connection.driver_connection
    return isinstance(raw, sqlite3.Connection) and raw.total_changes > 0
