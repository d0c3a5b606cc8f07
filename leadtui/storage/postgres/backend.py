"""``PostgresBackend``: the :class:`~leadtui.storage.base.Backend` protocol on PostgreSQL.

It composes the modules of this package: connections and units of work
(:mod:`.connections`), the list and detail reads, ``COPY`` imports
(:mod:`.import_batch`), import revert (:mod:`.jobs`), erasure (:mod:`.erasure`) and
leadtui's own data backups (:mod:`.backup`). Modules are imported on first use.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadtui.domain.errors import StorageError
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
from leadtui.storage.postgres.connections import Conn, PostgresConnections, display_name
from leadtui.storage.postgres.team import PostgresTeam
from leadtui.storage.postgres.url import checked_url

if TYPE_CHECKING:
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
    from leadtui.storage.postgres.import_batch import PostgresImportTarget
    from leadtui.storage.summary_reads import SummaryReads

__all__ = ["Conn", "PostgresBackend", "display_name"]


class PostgresBackend(PostgresConnections):
    """One PostgreSQL database behind the storage boundary."""

    @property
    def team(self) -> PostgresTeam:
        """Team mode: the role and ``LISTEN/NOTIFY`` (:mod:`leadtui.storage.postgres.team`)."""
        team: PostgresTeam | None = getattr(self, "_team", None)
        if team is None:
            team = self._team = PostgresTeam(self._url, self._read)
        return team

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
        self,
        section: AgendaSection,
        now: datetime,
        offset: int,
        limit: int,
        owner: str | None = None,
    ) -> list[AgendaRow]:
        """Rows of an agenda section, read from its indexes."""
        from leadtui.storage.postgres import agenda_reads

        found: list[AgendaRow] = self._reading(
            agenda_reads.page_section, section, now, offset, limit, owner
        )
        return found

    def agenda_count(self, section: AgendaSection, now: datetime, owner: str | None = None) -> int:
        """How many leads an agenda section holds."""
        from leadtui.storage.postgres import agenda_reads

        found: int = self._reading(agenda_reads.count_section, section, now, owner)
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

    def not_duplicates_of(self, lead_id: int) -> set[tuple[int, int]]:
        """The "not a duplicate" pairs of one lead."""
        pairs: set[tuple[int, int]] = self._reading(duplicate_reads.not_duplicates_of, lead_id)
        return pairs

    def batch_merges(self, batch_id: int) -> list[tuple[int, int, int]]:
        """The merges touching import batch ``batch_id``, newest first."""
        found: list[tuple[int, int, int]] = self._reading(duplicate_reads.batch_merges, batch_id)
        return found

    def check_search_index(self) -> None:
        """Every lead's search vector is what its name, email and company give."""
        if self._reading(duplicate_reads.search_index_mismatches):
            raise StorageError(_("The search index is out of date."))

    # -- whole-database jobs --------------------------------------------------------

    def bulk_insert(self, rows: Iterable[dict[str, Any]], now: datetime, batch_size: int) -> int:
        """``COPY`` in one transaction (see :mod:`.bulk`)."""
        from leadtui.storage.postgres.bulk import bulk_insert

        with self.transaction() as conn:
            return bulk_insert(conn, rows, now, batch_size=batch_size)

    @contextmanager
    def import_target(self) -> Iterator[PostgresImportTarget]:
        """An import batch (``COPY``) inside one transaction."""
        from leadtui.storage.postgres.import_batch import PostgresImportTarget

        with self.transaction() as conn:
            yield PostgresImportTarget(conn)

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

        with self.transaction() as conn:
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
        """Erase a lead and every lead merged into it, in one transaction (see
        :mod:`.erasure` for what the server still holds until ``VACUUM``)."""
        from leadtui.storage.postgres.erasure import forget_lead

        with self.transaction() as conn:
            return forget_lead(conn, lead_id, now)

    def forget_in_backups(self, person: Person, now: datetime) -> BackupErasure:
        """Erase ``person`` from every leadtui backup of this database."""
        from leadtui.storage.postgres.backup import forget_in_backups

        if self._read_only:
            self.refuse_write()
        return forget_in_backups(self._url, person, now)

    # -- safety ---------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """A data dump of every leadtui table in the backups folder (see :mod:`.backup`)."""
        from leadtui.storage.postgres.backup import make_backup

        try:
            return make_backup(self._url, reason=reason)
        except Exception as error:
            self.raise_storage_error(error)
            raise

    def list_backups(self) -> list[BackupInfo]:
        """This database's leadtui backups, newest first."""
        from leadtui.storage.postgres.backup import list_backups

        return list_backups(self._url)

    def restore(self, backup: Path) -> RestoreResult:
        """Replace every leadtui table's rows with the dump's, in one transaction."""
        from leadtui.storage.postgres.backup import restore_backup

        with self.transaction() as conn:
            return restore_backup(self._url, conn, backup)

    def check(self) -> None:
        """Refuse (``DatabaseRefused``) a database that is not a usable leadtui database."""
        db.open_database(self._url, create=False, read_only=True)
