"""``SqliteBackend``: the :class:`~leadtui.storage.base.Backend` protocol on SQLite.

It composes the modules of this package (their functions unchanged): connections
(:mod:`.connections`), the fast list/board reads (:mod:`.list_queries`, :mod:`.reads`),
the detail and funnel reads, bulk insert (:mod:`.bulk`), import revert, erasure and
backups. Modules are imported on first use so opening a store stays cheap.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadtui.domain.rows import (
    LeadCounts,
    LeadFilter,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
)
from leadtui.storage.sqlite import duplicate_reads, reads
from leadtui.storage.sqlite.connections import SqliteConnections

if TYPE_CHECKING:
    from leadtui.domain.agenda import AgendaRow, AgendaSection
    from leadtui.domain.cadence import Cadence
    from leadtui.domain.changed import ChangedLead
    from leadtui.domain.duplicates import KeyRow
    from leadtui.domain.funnel import FunnelMetrics
    from leadtui.domain.lead_records import TimelineEntry
    from leadtui.domain.rows import LeadDetail
    from leadtui.storage.base import (
        BackupErasure,
        BackupInfo,
        ExportSource,
        Person,
        RestoreResult,
    )
    from leadtui.storage.sqlite.import_target import SqliteImportTarget
    from leadtui.storage.summary_reads import SummaryReads


class SqliteBackend(SqliteConnections):
    """One SQLite database file behind the storage boundary."""

    @classmethod
    def open(
        cls, path: Path, *, create: bool = True, read_only: bool | None = None
    ) -> SqliteBackend:
        """Check (and create or migrate) the file at ``path`` and return a backend on it.

        ``read_only=None`` opens read-only when the file or its folder is not writable.
        """
        from leadtui.storage.sqlite.connect import is_read_only
        from leadtui.storage.sqlite.db import open_database

        if read_only is None:
            read_only = path.exists() and is_read_only(path)
        open_database(path, create=create, read_only=read_only)
        return cls(path, read_only=read_only)

    # -- reads ----------------------------------------------------------------------

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        return reads.stages(self.reader())

    def page(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        now: datetime,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """A page of the list; a search starts from its capped FTS hits (any table size)."""
        from leadtui.storage.sqlite.list_queries import page_list

        rows, self._local.search_memo = page_list(
            self.reader(), lead_filter, sort, now, offset, limit, total
        )
        return rows

    def count(self, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
        """How many match and how many are overdue; a search counts its capped hits (or
        takes the counts this thread's last search page found, if nothing changed since)."""
        from leadtui.storage.sqlite.list_queries import count_list

        memo = getattr(self._local, "search_memo", None)
        return count_list(self.reader(), lead_filter, now, memo)

    def stage_totals(self) -> list[StageTotal]:
        """Count and value per stage, in funnel order."""
        return reads.stage_totals(self.reader())

    def phones_and_tags(self, lead_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Phone and tags of each lead of ``lead_ids``."""
        from leadtui.storage.sqlite.list_extras import phones_and_tags

        return phones_and_tags(self.reader(), lead_ids)

    def agenda_page(
        self,
        section: AgendaSection,
        now: datetime,
        offset: int,
        limit: int,
        owner: str | None = None,
    ) -> list[AgendaRow]:
        """Rows of an agenda section, read from its indexes."""
        from leadtui.storage.sqlite import agenda_reads

        return agenda_reads.page_section(self.reader(), section, now, offset, limit, owner)

    def agenda_count(self, section: AgendaSection, now: datetime, owner: str | None = None) -> int:
        """How many leads an agenda section holds."""
        from leadtui.storage.sqlite import agenda_reads

        return agenda_reads.count_section(self.reader(), section, now, owner)

    def cadences(self) -> dict[str, Cadence]:
        """The edited stage cadences, by stage key."""
        from leadtui.storage.sqlite import agenda_reads

        return agenda_reads.cadences(self.reader())

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row, or ``None``."""
        return reads.lead_row(self.reader(), lead_id)

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead, or ``None``."""
        from leadtui.storage.sqlite.lead_detail_read import read_lead_detail

        return read_lead_detail(self.reader(), lead_id)

    def timeline(self, lead_id: int, limit: int) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        from leadtui.storage.sqlite.lead_detail_read import read_timeline

        return read_timeline(self.reader(), lead_id, limit)

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """Stage changes of one lead, oldest first."""
        from leadtui.storage.sqlite.history_reads import stage_history

        return stage_history(self.reader(), lead_id)

    def all_tags(self) -> list[str]:
        """Every tag name."""
        return reads.all_tags(self.reader())

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead."""
        return reads.tags_of(self.reader(), lead_id)

    def funnel_metrics(self, now: datetime) -> FunnelMetrics:
        """Every funnel number; a driver failure comes out as a LeadtuiError."""
        from leadtui.storage.sqlite.funnel_reads import funnel_metrics

        try:
            return funnel_metrics(self.reader(), now)
        except Exception as error:
            self.raise_storage_error(error)
            raise

    # -- duplicate candidates -------------------------------------------------------

    def key_rows_after(self, after_id: int, limit: int) -> list[KeyRow]:
        """A page of the duplicate scan, by id."""
        return duplicate_reads.key_rows_after(self.reader(), after_id, limit)

    def key_rows(self, ids: Sequence[int]) -> list[KeyRow]:
        """The live leads among ``ids``."""
        return duplicate_reads.key_rows(self.reader(), ids)

    def key_rows_by_phone(self, phone_e164: str, limit: int) -> list[KeyRow]:
        """Live leads with this phone (its index)."""
        return duplicate_reads.key_rows_by_phone(self.reader(), phone_e164, limit)

    def search_ids(self, text: str, limit: int) -> list[int]:
        """Up to ``limit`` ids matching every word, straight from the FTS index."""
        return duplicate_reads.search_ids(self.reader(), text, limit)

    def not_duplicates_of(self, lead_id: int) -> set[tuple[int, int]]:
        """The "not a duplicate" pairs of one lead (two primary-key/index look-ups)."""
        return duplicate_reads.not_duplicates_of(self.reader(), lead_id)

    def batch_merges(self, batch_id: int) -> list[tuple[int, int, int]]:
        """The merges touching import batch ``batch_id`` (no ORM: a revert loads none)."""
        return duplicate_reads.batch_merges(self.reader(), batch_id)

    def check_search_index(self) -> None:
        """FTS5's own ``integrity-check`` against the lead table."""
        try:
            with self.connection() as conn:  # FTS5 runs its check as a write statement
                duplicate_reads.fts_integrity_check(conn)
        except Exception as error:
            self.raise_storage_error(error)
            raise

    # -- whole-database jobs --------------------------------------------------------

    def bulk_insert(self, rows: Iterable[dict[str, Any]], now: datetime, batch_size: int) -> int:
        """Driver-level executemany in one transaction (see :mod:`.bulk`)."""
        from leadtui.storage.sqlite.bulk import bulk_insert

        with self.connection() as conn:
            return bulk_insert(conn, rows, now, batch_size=batch_size)

    @contextmanager
    def import_target(self) -> Iterator[SqliteImportTarget]:
        """An import batch inside one ``BEGIN IMMEDIATE`` transaction."""
        from leadtui.storage.sqlite.import_target import SqliteImportTarget

        with self.transaction() as conn:
            yield SqliteImportTarget(conn)

    def revert_import(
        self,
        batch_id: int,
        now: datetime,
        keep: Collection[int] = (),
        *,
        force: bool = False,
    ) -> dict[str, int]:
        """Undo an import batch in one ``BEGIN IMMEDIATE`` transaction."""
        from leadtui.storage.sqlite.import_revert import revert

        with self.transaction() as conn:
            return revert(conn, batch_id, now, keep, force=force)

    def import_changes(self, batch_id: int) -> list[ChangedLead]:
        """The leads of an import batch changed since the import."""
        from leadtui.storage.sqlite.import_revert import changed_since_import

        return changed_since_import(self.reader(), batch_id)

    def export_source(self) -> ExportSource:
        """This thread's read connection, as the rows :mod:`leadtui.io.export` streams."""
        from leadtui.storage.sqlite.export_reads import SqliteExportSource

        return SqliteExportSource(self.reader())

    def summary_reads(self) -> SummaryReads:
        """The summary tables on this thread's read connection."""
        from leadtui.storage.sqlite.list_queries import matching_ids
        from leadtui.storage.summary import REACHED_SQLITE
        from leadtui.storage.summary_reads import SummaryReads

        return SummaryReads(self.reader(), "?", REACHED_SQLITE, matching_ids)

    def forget_lead(self, lead_id: int, now: datetime) -> int:
        """Erase a lead for good (secure delete, FTS optimise, WAL truncated)."""
        from leadtui.storage.sqlite.erasure import forget_lead

        if self.read_only:
            self.refuse_write()
        self.dispose_engine()  # pooled connections must not pin old WAL frames
        try:
            return forget_lead(self.path, lead_id, now)
        except Exception as error:
            self.raise_storage_error(error)
            raise

    def forget_in_backups(self, person: Person, now: datetime) -> BackupErasure:
        """Erase ``person`` from every backup of this database."""
        from leadtui.storage.sqlite.backup import list_backups
        from leadtui.storage.sqlite.erasure import forget_in_backups

        if self.read_only:
            self.refuse_write()
        backups = [info.path for info in list_backups(self.path, damaged_too=True)]
        return forget_in_backups(backups, person, now)

    # -- safety ---------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """A ``VACUUM INTO`` copy in the backups folder (old ones pruned)."""
        from leadtui.storage.sqlite.backup import make_backup

        try:
            return make_backup(self.path, reason=reason)
        except Exception as error:
            self.raise_storage_error(error)
            raise

    def list_backups(self) -> list[BackupInfo]:
        """The backups of this file, newest first."""
        from leadtui.storage.sqlite.backup import list_backups

        return list_backups(self.path)

    def restore(self, backup: Path) -> RestoreResult:
        """Replace the file with a checked copy of ``backup`` (or a file rebuilt from a
        leadtui data dump); the old one is kept."""
        from leadtui.storage.sqlite.backup import restore_backup
        from leadtui.storage.sqlite.dump_io import is_dump, restore_dump

        if self.read_only:
            self.refuse_write()
        self.close()
        if is_dump(backup):
            return restore_dump(self.path, backup)
        return restore_backup(self.path, backup)

    def check(self) -> None:
        """Refuse (``DatabaseRefused``) a file that is not a usable leadtui database, or
        that fails ``quick_check`` (it is then marked, see :mod:`.integrity`)."""
        from leadtui.storage.sqlite.db import inspect_file
        from leadtui.storage.sqlite.integrity import require_intact

        inspect_file(self.path)
        require_intact(self.path)
