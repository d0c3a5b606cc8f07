"""Connections and units of work of :class:`~.backend.PostgresBackend` (as
``storage/sqlite/connections.py`` is SQLite's).

Reads use one autocommit, read-only psycopg connection per thread; the store's ORM
units of work run on a ``postgresql+psycopg`` SQLAlchemy engine in REPEATABLE READ, so
two people saving the same lead at once never lose an update: the later save fails
with a readable "try again" (on top of the ``version`` check), as SQLite's
immediate write lock serialises writers. The bulk jobs (import, revert, forget,
restore) run on a psycopg connection of their own inside one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from leadtui.domain.errors import ConnectionLost, DatabaseRefused, LeadtuiError
from leadtui.i18n import _
from leadtui.storage.postgres import db
from leadtui.storage.postgres.url import checked_url, mask_password
from leadtui.storage.thread_readers import ThreadReaders

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

Conn = psycopg.Connection[tuple[Any, ...]]


def display_name(url: str) -> str:
    """How the database is named to the user: the URL without scheme, password masked."""
    masked = mask_password(url)
    return masked.split("://", 1)[-1]


class PostgresConnections:
    """Connections and transactions for one PostgreSQL database; no lead logic."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self._url = checked_url(url)
        self._read_only = read_only
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._readers: ThreadReaders[Conn] = ThreadReaders()

    @property
    def url(self) -> str:
        """The database URL (it never holds a password)."""
        return self._url

    @property
    def path(self) -> Path:
        """What the app shows as the database's name (``user@host:port/db``, no password)."""
        return Path(display_name(self._url))

    @property
    def read_only(self) -> bool:
        """True when every write is refused."""
        return self._read_only

    # -- connections ----------------------------------------------------------------

    def connect(self, *, autocommit: bool = True) -> Conn:
        """A new connection; the server gone since the database was opened is
        :class:`ConnectionLost` (the app retries), not a refusal of the database."""
        try:
            return db.connect(self._url, autocommit=autocommit)
        except DatabaseRefused as error:
            friendly = self.translate_error(error.__cause__) if error.__cause__ else None
            if isinstance(friendly, ConnectionLost):
                raise friendly from error
            raise ConnectionLost(str(error)) from error

    def reader(self) -> Conn:
        """This thread's read connection (autocommit, read-only), opened on first use."""
        conn = self._readers.current()
        if conn is None or conn.closed:
            conn = self.connect()
            try:
                conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            except psycopg.Error as error:
                conn.close()
                self.raise_storage_error(error)
                raise
            self._readers.add(conn)
        return conn

    def _read(self) -> Conn:
        """The reader; a broken connection is replaced once (the server restarted)."""
        conn = self.reader()
        if conn.broken:
            self.release_reader()
            conn = self.reader()
        return conn

    def engine(self) -> Engine:
        """The SQLAlchemy engine (``postgresql+psycopg``), created on first use."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine

                self._engine = create_engine(
                    "postgresql+psycopg://",
                    creator=lambda: self.connect(autocommit=False),
                    isolation_level="REPEATABLE READ",
                    pool_pre_ping=True,
                )
            return self._engine

    def warm_up(self) -> None:
        """Import the ORM and open the engine now (a worker after the first frame)."""
        import leadtui.domain.validation  # noqa: F401
        import leadtui.storage.models  # noqa: F401

        with self.engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One ORM unit of work (REPEATABLE READ): commits on success, rolls back on error."""
        from sqlmodel import Session

        with Session(self.engine(), expire_on_commit=False) as session:
            if self._read_only:
                from sqlalchemy import event

                event.listen(session, "before_flush", self.refuse_write)
            try:
                yield session
                session.commit()
            except BaseException as error:
                session.rollback()
                self.raise_storage_error(error)
                raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """An ORM session that only reads; what it loaded stays usable afterwards."""
        from sqlmodel import Session

        with Session(self.engine(), expire_on_commit=False) as session:
            try:
                yield session
            except BaseException as error:
                self.raise_storage_error(error)
                raise
            finally:
                session.expunge_all()
                session.rollback()

    @contextmanager
    def transaction(self) -> Iterator[Conn]:
        """A psycopg connection of its own inside one write transaction (the bulk jobs)."""
        if self._read_only:
            self.refuse_write()
        conn = self.connect()
        try:
            with conn.transaction():
                yield conn
        except Exception as error:
            self.raise_storage_error(error)
            raise
        finally:
            conn.close()

    def translate_error(self, error: BaseException) -> LeadtuiError | None:
        """The readable error for a psycopg or SQLAlchemy failure, else ``None``."""
        from leadtui.storage.postgres.errors import driver_error

        friendly = driver_error(error)
        if friendly is not None and self._url in str(friendly):
            return type(friendly)(str(friendly).replace(self._url, mask_password(self._url)))
        return friendly

    def raise_storage_error(self, error: BaseException) -> None:
        """Re-raise a driver failure as a LeadtuiError."""
        friendly = self.translate_error(error)
        if friendly is not None:
            raise friendly from error

    def refuse_write(self, *_args: object) -> None:
        """Raise :class:`ReadOnlyError` (this role or server cannot write)."""
        from leadtui.domain.errors import ReadOnlyError

        raise ReadOnlyError(
            _("{path} is open read-only: changes are disabled.").format(path=self.path)
        )

    def close(self) -> None:
        """Close this backend's connections (a worker's reader is left to that worker, see
        :mod:`leadtui.storage.thread_readers`) and its engine."""
        self._readers.close_all()
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    def release_reader(self) -> None:
        """Close this thread's read connection (end of a worker thread)."""
        self._readers.release()

    def _reading(self, read: Any, *args: Any) -> Any:
        # A read is safe to run twice: a connection that broke while idle (the server
        # restarted, an administrator ended the session) is replaced and the read retried
        # once, so the first read after an outage does not fail for nothing.
        conn = self._read()
        try:
            return read(conn, *args)
        except psycopg.OperationalError as error:
            if not conn.broken:
                self.raise_storage_error(error)
                raise
        except psycopg.Error as error:
            self.raise_storage_error(error)
            raise
        self.release_reader()
        try:
            return read(self._read(), *args)
        except psycopg.Error as error:
            self.raise_storage_error(error)
            raise
