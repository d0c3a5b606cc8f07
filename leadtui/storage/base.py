"""The storage boundary: the :class:`Backend` protocol the store talks to.

Everything dialect-specific (SQLite's full-text index, connection settings, backup
copies, file-header checks and write locks; later PostgreSQL's tsvector, COPY,
LISTEN/NOTIFY) lives behind it in ``storage/<dialect>/``. The store (:mod:`leadtui.store`) only
sees this protocol, plain domain rows and the ORM models of
:mod:`leadtui.storage.models`, so a second backend is a second implementation of
this protocol, not a fork of the store.

Connections stay inside the backend: reads use a per-thread connection the
backend keeps (:meth:`Backend.release_reader` closes it at the end of a worker
thread); writes go through :meth:`Backend.session` (one ORM unit of work) or
:meth:`Backend.transaction` (one raw unit of work, for the bulk jobs whose
code is the dialect's own). Failures come out as
:class:`~leadtui.domain.errors.LeadtuiError` subclasses with a readable message.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from leadtui.domain.lazy_names import lazy_names
from leadtui.domain.rows import (
    LeadCounts,
    LeadFilter,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from leadtui.domain.agenda import AgendaRow, AgendaSection
    from leadtui.domain.cadence import Cadence
    from leadtui.domain.changed import ChangedLead
    from leadtui.domain.duplicates import KeyRow
    from leadtui.domain.errors import LeadtuiError
    from leadtui.domain.funnel import FunnelMetrics
    from leadtui.domain.lead_records import LeadDetail, TimelineEntry
    from leadtui.storage.base_values import BackupErasure as BackupErasure
    from leadtui.storage.base_values import BackupInfo as BackupInfo
    from leadtui.storage.base_values import ExportSource as ExportSource
    from leadtui.storage.base_values import Person as Person
    from leadtui.storage.base_values import RestoreResult as RestoreResult
    from leadtui.storage.import_target import ImportTarget
    from leadtui.storage.summary_reads import SummaryReads
    from leadtui.storage.team_base import TeamSide


class Backend(Protocol):
    """What the store needs from a database, whatever its dialect.

    Every method that writes refuses (with
    :class:`~leadtui.domain.errors.ReadOnlyError`) when :attr:`read_only` is set.
    """

    @property
    def team(self) -> TeamSide:
        """Team mode: the database's user and change signals (:mod:`leadtui.storage.team_base`)."""
        ...

    @property
    def path(self) -> Path:
        """The database file (a server backend: its local state/identity file)."""
        ...

    @property
    def read_only(self) -> bool:
        """True when the backend refuses every write."""
        ...

    # -- life cycle ---------------------------------------------------------------

    def close(self) -> None:
        """Close every connection (and the ORM engine) this backend opened."""
        ...

    def release_reader(self) -> None:
        """Close the calling thread's read connection (end of a worker thread)."""
        ...

    def warm_up(self) -> None:
        """Import the ORM and connect it now (a worker after the first frame)."""
        ...

    def engine(self) -> Engine:
        """The SQLAlchemy engine of this database, created on first use."""
        ...

    # -- units of work ------------------------------------------------------------

    def session(self) -> AbstractContextManager[Session]:
        """One ORM unit of work: commits on success, rolls back on error."""
        ...

    def read_session(self) -> AbstractContextManager[Session]:
        """An ORM session that only reads (never takes the write lock)."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """One raw unit of work on a driver connection of its own (bulk jobs)."""
        ...

    def import_target(self) -> AbstractContextManager[ImportTarget]:
        """One import batch's SQL inside one write transaction (see :mod:`.import_target`)."""
        ...

    def translate_error(self, error: BaseException) -> LeadtuiError | None:
        """The readable error for a driver/ORM failure, or ``None`` if it is not one."""
        ...

    def refuse_write(self, *_args: object) -> None:
        """Raise :class:`~leadtui.domain.errors.ReadOnlyError` (the backend is read-only)."""
        ...

    # -- reads (the one read API: list, board and CLI page and count the same way) --

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        ...

    def page(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        now: datetime,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """Rows ``offset .. offset+limit`` of the filtered, sorted list.

        A search starts from its capped index hits, so it costs the same at any size;
        ``total`` (when known) lets deep offsets page from the nearer end.
        """
        ...

    def count(self, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
        """How many leads match, and how many are overdue (searches: capped)."""
        ...

    def stage_totals(self) -> list[StageTotal]:
        """Count and value of live leads per stage, in funnel order."""
        ...

    def agenda_page(
        self,
        section: AgendaSection,
        now: datetime,
        offset: int,
        limit: int,
        owner: str | None = None,
    ) -> list[AgendaRow]:
        """Rows ``offset .. offset+limit`` of an agenda section, read from its indexes
        (``owner``: only the leads assigned to that user)."""
        ...

    def agenda_count(self, section: AgendaSection, now: datetime, owner: str | None = None) -> int:
        """How many leads an agenda section holds (index range counts)."""
        ...

    def cadences(self) -> dict[str, Cadence]:
        """The edited stage cadences, by stage key."""
        ...

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row (deleted included), or ``None``."""
        ...

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead, or ``None``."""
        ...

    def timeline(self, lead_id: int, limit: int) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        ...

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """The stage changes of one lead, oldest first."""
        ...

    def all_tags(self) -> list[str]:
        """Every tag name, alphabetically."""
        ...

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead, alphabetically."""
        ...

    def phones_and_tags(self, lead_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Phone and tags (alphabetically) of each lead of ``lead_ids``, in a few queries."""
        ...

    def funnel_metrics(self, now: datetime) -> FunnelMetrics:
        """Every funnel number for the live leads, as of ``now``."""
        ...

    # -- duplicate candidates (what the rules of domain/duplicates.py read) ----------

    def key_rows_after(self, after_id: int, limit: int) -> list[KeyRow]:
        """Up to ``limit`` live leads with an id above ``after_id``, by id (a scan's page)."""
        ...

    def key_rows(self, ids: Sequence[int]) -> list[KeyRow]:
        """The live leads among ``ids``, by id."""
        ...

    def key_rows_by_phone(self, phone_e164: str, limit: int) -> list[KeyRow]:
        """Live leads with this E.164 phone number, by id."""
        ...

    def search_ids(self, text: str, limit: int) -> list[int]:
        """Ids of up to ``limit`` leads with every word of ``text`` (prefixes), unsorted."""
        ...

    def not_duplicates_of(self, lead_id: int) -> set[tuple[int, int]]:
        """The "not a duplicate" pairs ``(low_id, high_id)`` that include ``lead_id``."""
        ...

    def batch_merges(self, batch_id: int) -> list[tuple[int, int, int]]:
        """``(merge id, kept id, other id)`` of every merge into or out of a lead of import
        batch ``batch_id``, newest first."""
        ...

    def check_search_index(self) -> None:
        """Raise :class:`~leadtui.domain.errors.StorageError` if the search index is off."""
        ...

    # -- whole-database jobs ------------------------------------------------------

    def bulk_insert(self, rows: Iterable[dict[str, Any]], now: datetime, batch_size: int) -> int:
        """Insert clean lead rows fast (each with its first stage change), one transaction."""
        ...

    def revert_import(
        self,
        batch_id: int,
        now: datetime,
        keep: Collection[int] = (),
        *,
        force: bool = False,
    ) -> dict[str, int]:
        """Undo an import batch exactly, in one transaction; the leads in ``keep`` stay as
        they are now, and other leads changed since the import refuse it unless ``force``."""
        ...

    def import_changes(self, batch_id: int) -> list[ChangedLead]:
        """The leads of an import batch changed since the import (revert asks about them)."""
        ...

    def export_source(self) -> ExportSource:
        """What :func:`leadtui.io.export.export_leads` streams rows from."""
        ...

    def summary_reads(self) -> SummaryReads:
        """The summary tables on this thread's read connection (:mod:`.summary_reads`)."""
        ...

    def forget_lead(self, lead_id: int, now: datetime) -> int:
        """Erase a lead so none of its bytes remain; returns the tombstone id."""
        ...

    def forget_in_backups(self, person: Person, now: datetime) -> BackupErasure:
        """Erase ``person`` from every backup of this database."""
        ...

    # -- safety -------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """Take a backup now (old ones of the same reason pruned); its path."""
        ...

    def list_backups(self) -> list[BackupInfo]:
        """The backups of this database, newest first."""
        ...

    def restore(self, backup: Path) -> RestoreResult:
        """Replace the database with ``backup`` (checked first; the old one kept)."""
        ...

    def check(self) -> None:
        """Raise :class:`~leadtui.domain.errors.DatabaseRefused` if the database is unusable."""
        ...


# The plain values the protocol speaks in, re-exported with it (see the imports above),
# made on first use: backups, exports and people are not the first frame's (~1.5 ms of
# dataclasses every start).
__getattr__ = lazy_names(
    globals(),
    "leadtui.storage.base_values",
    frozenset({"BackupErasure", "BackupInfo", "ExportSource", "Person", "RestoreResult"}),
)
