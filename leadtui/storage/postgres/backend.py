"""``PostgresBackend``: the :class:`~leadtui.storage.base.Backend` protocol on PostgreSQL.

Reads use one autocommit, read-only psycopg connection per thread; the store's ORM
units of work run on a ``postgresql+psycopg`` SQLAlchemy engine in REPEATABLE READ, so
two people saving the same lead at once never lose an update: the later save fails
with a readable "try again" (on top of the ``version`` check), as SQLite's
immediate write lock serialises writers. Jobs that are still SQLite-only raise
:class:`~leadtui.domain.errors.StorageError`
"... is not available on PostgreSQL yet".
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import psycopg

from leadtui.domain.errors import LeadtuiError, StorageError
from leadtui.domain.rows import (
    LeadCounts,
    LeadFilter,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
    TimelineEntry,
)
from leadtui.i18n import _
from leadtui.storage.postgres import db, details, duplicate_reads, reads
from leadtui.storage.postgres.url import checked_url, mask_password

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from leadtui.domain.agenda import AgendaRow, AgendaSection
    from leadtui.domain.cadence import Cadence
    from leadtui.domain.changed import ChangedLead
    from leadtui.domain.duplicates import KeyRow
    from leadtui.domain.funnel import FunnelMetrics
    from leadtui.storage.base import (
        BackupErasure,
        BackupInfo,
        ExportSource,
        Person,
        RestoreResult,
    )
    from leadtui.storage.postgres.details import LeadDetail
    from leadtui.storage.summary_reads import SummaryReads

Conn = psycopg.Connection[tuple[Any, ...]]


def display_name(url: str) -> str:
    """How the database is named to the user: the URL without scheme, password masked."""
    masked = mask_password(url)
    return masked.split("://", 1)[-1]


class PostgresBackend:
    """One PostgreSQL database behind the storage boundary."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self._url = checked_url(url)
        self._read_only = read_only
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Conn] = []

    @classmethod
    def open(
        cls, url: str, *, create: bool = True, read_only: bool | None = None
    ) -> PostgresBackend:
        """Check (creating the schema of an empty database) and return a backend on ``url``.

        ``read_only=None`` detects it: a role without write grants, or a standby server.
        """
        url = checked_url(url)
        check = db.open_database(url, create=create, read_only=read_only)
        return cls(url, read_only=check.read_only)

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

    def reader(self) -> Conn:
        """This thread's read connection (autocommit, read-only), opened on first use."""
        conn: Conn | None = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = db.connect(self._url)
            conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
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

                url = self._url
                self._engine = create_engine(
                    "postgresql+psycopg://",
                    creator=lambda: db.connect(url, autocommit=False),
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
    def _transaction(self) -> Iterator[Conn]:
        """A psycopg connection of its own inside one transaction (the bulk jobs)."""
        if self._read_only:
            self.refuse_write()
        conn = db.connect(self._url)
        try:
            with conn.transaction():
                yield conn
        except Exception as error:
            self.raise_storage_error(error)
            raise
        finally:
            conn.close()

    def transaction(self) -> AbstractContextManager[Any]:
        """Raw units of work for the file import, whose SQL is still SQLite's."""
        self._not_yet(_("Importing files"))

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

    def _not_yet(self, what: str) -> NoReturn:
        raise StorageError(
            _("{what} is not available on PostgreSQL yet (team mode).").format(what=what)
        )

    def close(self) -> None:
        """Close every connection and the engine."""
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self._local = threading.local()

    def release_reader(self) -> None:
        """Close this thread's read connection (end of a worker thread)."""
        conn: Conn | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            if conn in self._readers:
                self._readers.remove(conn)
        conn.close()

    def _reading(self, read: Any, *args: Any) -> Any:
        try:
            return read(self._read(), *args)
        except psycopg.Error as error:
            self.raise_storage_error(error)
            raise

    # -- reads ----------------------------------------------------------------------

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        found: list[StageInfo] = self._reading(reads.stages)
        return found

    def page(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        now: datetime,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """A page of the list; a search starts from its capped index hits."""
        found: list[LeadRow] = self._reading(
            reads.page, lead_filter, sort, now, offset, limit, total
        )
        return found

    def count(self, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
        """How many match and how many are overdue; a search counts its capped hits."""
        found: LeadCounts = self._reading(reads.count, lead_filter, now)
        return found

    def stage_totals(self) -> list[StageTotal]:
        """Count and value per stage, in funnel order."""
        found: list[StageTotal] = self._reading(reads.stage_totals)
        return found

    def phones_and_tags(self, lead_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Phone and tags of each lead of ``lead_ids``."""
        from leadtui.storage.postgres.list_extras import phones_and_tags

        found: dict[int, tuple[str, list[str]]] = self._reading(phones_and_tags, lead_ids)
        return found

    def agenda_page(
        self, section: AgendaSection, now: datetime, offset: int, limit: int
    ) -> list[AgendaRow]:
        """Rows of an agenda section, read from its indexes."""
        from leadtui.storage.postgres import agenda_reads

        found: list[AgendaRow] = self._reading(
            agenda_reads.page_section, section, now, offset, limit
        )
        return found

    def agenda_count(self, section: AgendaSection, now: datetime) -> int:
        """How many leads an agenda section holds."""
        from leadtui.storage.postgres import agenda_reads

        found: int = self._reading(agenda_reads.count_section, section, now)
        return found

    def cadences(self) -> dict[str, Cadence]:
        """The edited stage cadences, by stage key."""
        from leadtui.storage.postgres import agenda_reads

        found: dict[str, Cadence] = self._reading(agenda_reads.cadences)
        return found

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row, or ``None``."""
        found: LeadRow | None = self._reading(reads.lead_row, lead_id)
        return found

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead, or ``None``."""
        found: LeadDetail | None = self._reading(details.lead_detail, lead_id)
        return found

    def timeline(self, lead_id: int, limit: int) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        found: list[TimelineEntry] = self._reading(details.timeline, lead_id, limit)
        return found

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """Stage changes of one lead, oldest first."""
        found: list[TimelineEntry] = self._reading(details.stage_history, lead_id)
        return found

    def all_tags(self) -> list[str]:
        """Every tag name."""
        found: list[str] = self._reading(reads.all_tags)
        return found

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead."""
        found: list[str] = self._reading(reads.tags_of, lead_id)
        return found

    def funnel_metrics(self, now: datetime) -> FunnelMetrics:
        """Every funnel number for the live leads."""
        found: FunnelMetrics = self._reading(details.funnel_metrics, now)
        return found

    # -- duplicate candidates -------------------------------------------------------

    def key_rows_after(self, after_id: int, limit: int) -> list[KeyRow]:
        """A page of the duplicate scan, by id."""
        found: list[KeyRow] = self._reading(duplicate_reads.key_rows_after, after_id, limit)
        return found

    def key_rows(self, ids: Sequence[int]) -> list[KeyRow]:
        """The live leads among ``ids``."""
        found: list[KeyRow] = self._reading(duplicate_reads.key_rows, ids)
        return found

    def key_rows_by_phone(self, phone_e164: str, limit: int) -> list[KeyRow]:
        """Live leads with this phone (its index)."""
        found: list[KeyRow] = self._reading(duplicate_reads.key_rows_by_phone, phone_e164, limit)
        return found

    def search_ids(self, text: str, limit: int) -> list[int]:
        """Up to ``limit`` ids matching every word, straight from the GIN index."""
        found: list[int] = self._reading(duplicate_reads.search_ids, text, limit)
        return found

    def check_search_index(self) -> None:
        """Every lead's search vector is what its name, email and company give."""
        if self._reading(duplicate_reads.search_index_mismatches):
            raise StorageError(_("The search index is out of date."))

    # -- whole-database jobs --------------------------------------------------------

    def bulk_insert(self, rows: Iterable[dict[str, Any]], now: datetime, batch_size: int) -> int:
        """``COPY`` in one transaction (see :mod:`.bulk`)."""
        from leadtui.storage.postgres.bulk import bulk_insert

        with self._transaction() as conn:
            return bulk_insert(conn, rows, now, batch_size=batch_size)

    def revert_import(
        self,
        batch_id: int,
        now: datetime,
        keep: Collection[int] = (),
        *,
        force: bool = False,
    ) -> dict[str, int]:
        """Undo an import batch in one transaction."""
        from leadtui.storage.postgres.jobs import revert

        with self._transaction() as conn:
            return revert(conn, batch_id, now, keep, force=force)

    def import_changes(self, batch_id: int) -> list[ChangedLead]:
        """The leads of an import batch changed since the import."""
        from leadtui.storage.postgres.jobs import changed_since_import

        found: list[ChangedLead] = self._reading(changed_since_import, batch_id)
        return found

    def export_source(self) -> ExportSource:
        """This thread's read connection, as the rows :mod:`leadtui.io.export` streams."""
        from leadtui.storage.postgres.export_reads import PostgresExportSource

        return PostgresExportSource(self._read())

    def summary_reads(self) -> SummaryReads:
        """The summary tables on this thread's read connection."""
        from leadtui.storage.postgres.reads import matching_ids
        from leadtui.storage.summary import REACHED_POSTGRES
        from leadtui.storage.summary_reads import SummaryReads

        return SummaryReads(self._read(), "%s", REACHED_POSTGRES, matching_ids)

    def forget_lead(self, lead_id: int, now: datetime) -> int:
        """Erasure must also scrub import before-images and the server's WAL: not yet."""
        self._not_yet(_("Forgetting a person"))

    def forget_in_backups(self, person: Person, now: datetime) -> BackupErasure:
        """There are no leadtui backups of a server database."""
        self._not_yet(_("Forgetting a person"))

    # -- safety ---------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """Server backups are the database administrator's (pg_dump, base backups)."""
        self._not_yet(_("Backups made by leadtui (use pg_dump)"))

    def list_backups(self) -> list[BackupInfo]:
        """leadtui keeps no backups of a server database."""
        return []

    def restore(self, backup: Path) -> RestoreResult:
        """Restoring is the database administrator's (pg_restore)."""
        self._not_yet(_("Restoring a backup (use pg_restore)"))

    def check(self) -> None:
        """Refuse (``DatabaseRefused``) a database that is not a usable leadtui database."""
        db.open_database(self._url, create=False, read_only=True)
