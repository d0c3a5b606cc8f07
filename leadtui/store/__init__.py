"""LeadStore: the one object screens and the CLI call; a thin facade over small services.

Each public method is one unit of work (one user action) and returns plain loaded
objects. The work is done by services that share a
:class:`~leadtui.store.context.StoreContext` (the backend and the clock):
:class:`~leadtui.store.leads.LeadsService`, :class:`~leadtui.store.touches.TouchesService`,
:class:`~leadtui.store.pipeline.PipelineService`,
:class:`~leadtui.store.imports.ImportsService` and
:class:`~leadtui.store.maintenance.MaintenanceService`. Reads go straight to the
:class:`~leadtui.storage.base.Backend` and are passed through ``sanitize()``. Writes
are marked :func:`~leadtui.store.context.unit_of_work`: they raise only
:class:`~leadtui.domain.errors.LeadtuiError` subclasses. SQLModel is imported on first
use (``warm_up()`` lets the app do that in a worker after the first frame).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadtui.domain.rows import (
    Clock,
    LeadCounts,
    LeadFilter,
    LeadInput,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
    TimelineEntry,
)
from leadtui.domain.sanitize import sanitize
from leadtui.storage.base import Backend
from leadtui.store.activities import ActivitiesService
from leadtui.store.agenda import KEEP, AgendaService, FollowUpChange, LoggedTouch
from leadtui.store.context import StoreContext, system_clock, unit_of_work
from leadtui.store.duplicates import DuplicatesService, Progress, ScanResult
from leadtui.store.imports import ImportsService
from leadtui.store.leads import LeadsService
from leadtui.store.maintenance import MaintenanceService
from leadtui.store.merge import MergeInfo, MergeResult, MergeService
from leadtui.store.metrics import MetricsService
from leadtui.store.pipeline import MoveResult, PipelineService
from leadtui.store.score_keeper import ScoreKeeper
from leadtui.store.scoring import ScoringService
from leadtui.store.stages import StagesService
from leadtui.store.team import TeamService
from leadtui.store.touches import TouchesService
from leadtui.store.views import ViewsService

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from leadtui.domain.agenda import AgendaRow, AgendaSection
    from leadtui.domain.cadence import StageCadence
    from leadtui.domain.changed import ChangedLead
    from leadtui.domain.duplicates import Candidate, Confidence
    from leadtui.domain.duplicates_merge import Side
    from leadtui.domain.funnel import FunnelMetrics
    from leadtui.domain.rows import LeadDetail
    from leadtui.io.csv_import import ImportOptions
    from leadtui.io.export import ExportOptions
    from leadtui.io.records import Preview
    from leadtui.io.report import ImportReport
    from leadtui.storage.base import BackupErasure, BackupInfo, Person, RestoreResult
    from leadtui.storage.models import Activity, Lead

__all__ = [
    "KEEP",
    "FollowUpChange",
    "LeadStore",
    "LoggedTouch",
    "MergeInfo",
    "MergeResult",
    "MoveResult",
    "ScanResult",
    "system_clock",
]


class LeadStore:
    """Verb-named operations on the lead database (delegated to the services)."""

    def __init__(
        self, backend: Backend, *, clock: Clock = system_clock, rules_path: Path | None = None
    ) -> None:
        self.backend = backend
        self.clock = clock
        context = StoreContext(backend, clock, ScoreKeeper(rules_path))
        self.scoring = ScoringService(context)
        """Lead scores: ``store.scoring.explain(id)``, ``.pin``, ``.unpin``, ``.recompute``."""
        self.leads = LeadsService(context)
        self.touches = TouchesService(context)
        self.pipeline = PipelineService(context)
        self.imports = ImportsService(context)
        self.maintenance = MaintenanceService(context)
        self.duplicates = DuplicatesService(context)
        self.merges = MergeService(context)
        self.views = ViewsService(context)
        """Saved views (segments): ``store.views.save_view(...)``, ``.views()``, ``.view(name)``."""
        self.agenda = AgendaService(context)
        self.stage_editor = StagesService(context)
        """The editable pipeline: ``store.stage_editor.add(...)``, ``.rename``, ``.remove``…"""
        self.activities = ActivitiesService(context)
        """The editable timeline: ``store.activities.edit(...)``, ``.delete``, their undo."""
        self.team = TeamService(context)
        """Team mode: ``store.team.me()``, ``.assign(ids, owner)``, ``.listen(callback)``."""
        self.metrics = MetricsService(context)
        """Summary-table metrics: ``store.metrics.summary()``, ``.segment(...)``, ``.counts()``."""

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        clock: Clock = system_clock,
        create: bool = True,
        read_only: bool | None = None,
    ) -> LeadStore:
        """Check (and create or migrate) the database at ``path``; a store on it.

        ``path`` is a SQLite file, or a ``postgresql://`` URL (team mode, no password in
        it). ``read_only=None`` opens read-only when the file or its folder is not
        writable (PostgreSQL: when the role may not write).
        """
        from leadtui.storage.postgres.url import is_postgres_url

        if is_postgres_url(path):
            from leadtui.storage.postgres.backend import PostgresBackend

            backend = PostgresBackend.open(str(path), create=create, read_only=read_only)
            return cls(backend, clock=clock)
        from leadtui.storage.sqlite.backend import SqliteBackend

        return cls(SqliteBackend.open(Path(path), create=create, read_only=read_only), clock=clock)

    # -- plumbing -------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The database file."""
        return self.backend.path

    @property
    def read_only(self) -> bool:
        """True when every write is refused."""
        return self.backend.read_only

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.clock()

    def engine(self) -> Engine:
        """The SQLAlchemy engine, created on first use."""
        return self.backend.engine()

    def warm_up(self) -> None:
        """Import the ORM and open the engine now (call from a worker after the first frame)."""
        self.backend.warm_up()
        self.scoring.keeper.ruleset  # noqa: B018 -- reads the rules (and phonenumbers) now

    def close(self) -> None:
        """Close every connection this store opened."""
        self.backend.close()

    def release_reader(self) -> None:
        """Close this thread's read connection (call at the end of a worker thread)."""
        self.backend.release_reader()

    def _read(self) -> Backend:
        """The backend's read side (it keeps one connection per thread)."""
        return self.backend

    # -- reads: the one list/board/CLI read API, then stages, details, metrics ------

    def page_list(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """A page of the filtered, sorted list; a search starts from its capped hits.

        Pass ``total`` to page deep offsets fast.
        """
        return sanitize(self._read().page(lead_filter, sort, self.now(), offset, limit, total))

    def count_list(self, lead_filter: LeadFilter) -> LeadCounts:
        """How many leads match and how many are overdue (a search: its capped hits).

        Every lead, or whole stages: from the summary counters (no scan at any size).
        """
        if replace(lead_filter, stages=()).is_empty:
            return self.metrics.counts(tuple(lead_filter.stages))
        return self._read().count(lead_filter, self.now())

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        return sanitize(self._read().stages())

    def stage_totals(self) -> list[StageTotal]:
        """Count and value per stage, in funnel order (from the summary counters)."""
        return self.metrics.stage_totals()

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row, or ``None``."""
        return sanitize(self._read().lead_row(lead_id))

    def all_tags(self) -> list[str]:
        """Every tag name."""
        return sanitize(self._read().all_tags())

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead."""
        return sanitize(self._read().tags_of(lead_id))

    def phones_and_tags(self, lead_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Phone and tags of each of ``lead_ids`` (a page of the list), in a few queries."""
        return sanitize(self._read().phones_and_tags(lead_ids))

    def timeline(self, lead_id: int, limit: int = 500) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        return sanitize(self._read().timeline(lead_id, limit)[:limit])

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """Stage changes of one lead, oldest first."""
        return sanitize(self._read().stage_history(lead_id))

    def funnel_metrics(self) -> FunnelMetrics:
        """Conversion, time in stage, win rate and leads per week (:mod:`leadtui.domain.funnel`)."""
        return sanitize(self._read().funnel_metrics(self.now()))

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead (stdlib read), or ``None``."""
        detail = self._read().lead_detail(lead_id)
        return sanitize(detail)

    def get_lead(self, lead_id: int, *, include_deleted: bool = False) -> Lead:
        """The whole lead; :class:`NotFoundError` if it does not exist (or is deleted)."""
        return self.leads.get_lead(lead_id, include_deleted=include_deleted)

    def find_lead(self, reference: str) -> Lead:
        """A lead by id (digits) or by email (any case)."""
        return self.leads.find_lead(reference)

    def find_by_email(self, email: str) -> Lead | None:
        """The lead (live or deleted) holding this email's normalised key, if any."""
        return self.leads.find_by_email(email)

    def lead_input(self, lead_id: int) -> tuple[LeadInput, int]:
        """The editable fields of a lead and its version (to feed a form or an undo)."""
        return self.leads.lead_input(lead_id)

    # -- lead writes ----------------------------------------------------------------

    @unit_of_work
    def add_lead(self, data: LeadInput, *, strict_phone: bool = True) -> Lead:
        """Validate and insert a lead with its first stage change and tags."""
        return self.leads.add_lead(data, strict_phone=strict_phone)

    @unit_of_work
    def update_lead(
        self, lead_id: int, expected_version: int, data: LeadInput, *, strict_phone: bool = True
    ) -> Lead:
        """Save an edit made on version ``expected_version``; a stale one raises ConflictError."""
        return self.leads.update_lead(lead_id, expected_version, data, strict_phone=strict_phone)

    @unit_of_work
    def delete_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Soft-delete leads; returns the ids actually deleted (for undo)."""
        return self.leads.set_deleted(lead_ids, self.now())

    @unit_of_work
    def restore_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Undo a soft delete; returns the ids restored."""
        return self.leads.set_deleted(lead_ids, None)

    @unit_of_work
    def delete_lead(self, lead_id: int) -> None:
        """Soft-delete one lead."""
        self.leads.delete_lead(lead_id)

    @unit_of_work
    def restore_lead(self, lead_id: int) -> None:
        """Restore one soft-deleted lead."""
        self.leads.set_deleted([lead_id], None)

    # -- stage moves ----------------------------------------------------------------

    @unit_of_work
    def move_leads(
        self,
        lead_ids: Sequence[int],
        to_stage: str,
        reason: str = "",
        *,
        expected_versions: dict[int, int] | None = None,
    ) -> list[MoveResult]:
        """Move leads to ``to_stage`` in one transaction; each move writes a StageChange.

        Closing (won, lost) clears the follow-up; the results keep it for undo.
        """
        return self.pipeline.move_leads(
            lead_ids, to_stage, reason, expected_versions=expected_versions
        )

    @unit_of_work
    def move_lead(
        self,
        lead_id: int,
        to_stage: str,
        reason: str = "",
        *,
        expected_version: int | None = None,
        value_cents: int | None = None,
    ) -> MoveResult | None:
        """Move one lead (a won deal with its ``value_cents``); ``None`` if already there."""
        versions = None if expected_version is None else {lead_id: expected_version}
        results = self.pipeline.move_leads(
            [lead_id], to_stage, reason, expected_versions=versions, value_cents=value_cents
        )
        return results[0] if results else None

    @unit_of_work
    def undo_moves(self, moves: Sequence[MoveResult]) -> None:
        """Revert moves: stage, follow-up and value back, their StageChange rows removed.

        Refuses if moved since.
        """
        self.pipeline.undo_moves(moves)

    # -- touches --------------------------------------------------------------------

    @unit_of_work
    def add_activity(
        self, lead_id: int, kind: str, body: str, at: datetime | None = None
    ) -> Activity:
        """Log a touch on a lead; updates its last-activity time."""
        return self.touches.add_activity(lead_id, kind, body, at)

    @unit_of_work
    def delete_activity(self, activity_id: int) -> None:
        """Remove an activity (the undo of logging it)."""
        self.touches.delete_activity(activity_id)

    @unit_of_work
    def set_followup(self, lead_id: int, at: datetime | None) -> datetime | None:
        """Set (or clear with ``None``) the next follow-up; returns the previous one.

        The change is recorded in the timeline (see :meth:`schedule_followup`).
        """
        return self.agenda.set_followup(lead_id, at).previous

    @unit_of_work
    def tag_leads(self, lead_ids: Sequence[int], name: str) -> list[int]:
        """Put a tag on leads; returns the ids that did not have it (for undo)."""
        return self.touches.tag_leads(lead_ids, name)

    @unit_of_work
    def untag_leads(
        self, lead_ids: Sequence[int], name: str, *, drop_unused: bool = False
    ) -> list[int]:
        """Take a tag off leads; returns the ids that had it (``drop_unused``: an undo)."""
        return self.touches.untag_leads(lead_ids, name, drop_unused=drop_unused)

    @unit_of_work
    def retag_lead(
        self,
        lead_id: int,
        add: Sequence[str],
        remove: Sequence[str],
        *,
        drop_unused: bool = False,
    ) -> tuple[list[str], list[str]]:
        """Add and remove tags on one lead in one transaction; returns what really changed.

        ``drop_unused`` (an undo): a removed tag no lead carries any more leaves the list.
        """
        return self.touches.retag_lead(lead_id, add, remove, drop_unused=drop_unused)

    # -- the agenda and cadences --------------------------------------------------

    def agenda_page(
        self, section: AgendaSection, offset: int, limit: int, owner: str | None = None
    ) -> list[AgendaRow]:
        """A page of one agenda section, in the order it is shown (``owner``: only theirs)."""
        return sanitize(self._read().agenda_page(section, self.now(), offset, limit, owner))

    def agenda_count(self, section: AgendaSection, owner: str | None = None) -> int:
        """How many leads one agenda section holds now (``owner``: only theirs)."""
        return self._read().agenda_count(section, self.now(), owner)

    def cadences(self) -> list[StageCadence]:
        """Every stage with its effective follow-up cadence, in funnel order."""
        return sanitize(self.agenda.cadences())

    def propose_followup(self, stage_key: str) -> datetime | None:
        """The next follow-up a touch now proposes for a lead in ``stage_key``."""
        return self.agenda.propose(stage_key)

    @unit_of_work
    def set_cadence(self, stage_key: str, followup_days: int, cold_days: int) -> None:
        """Store a stage's follow-up interval and going-cold limit, in days."""
        self.agenda.set_cadence(stage_key, followup_days, cold_days)

    @unit_of_work
    def schedule_followup(
        self, lead_id: int, at: datetime | None, note: str = ""
    ) -> FollowUpChange:
        """Set (or clear) the next follow-up with a note; the change shows in the timeline."""
        return self.agenda.set_followup(lead_id, at, note)

    @unit_of_work
    def undo_followup(self, change: FollowUpChange) -> None:
        """Take back :meth:`schedule_followup`."""
        self.agenda.undo_followup(change)

    @unit_of_work
    def log_touch(
        self,
        lead_id: int,
        kind: str,
        body: str,
        followup: datetime | None | str = KEEP,
        note: str = "",
    ) -> LoggedTouch:
        """Log a touch and set the next follow-up in one transaction (``KEEP`` leaves it)."""
        return self.agenda.log_touch(lead_id, kind, body, followup, note)

    @unit_of_work
    def undo_touch(self, logged: LoggedTouch) -> None:
        """Take back :meth:`log_touch` completely."""
        self.agenda.undo_touch(logged)

    # -- whole-file jobs ------------------------------------------------------------

    @unit_of_work
    def bulk_insert_leads(self, rows: Iterable[dict[str, Any]], *, batch_size: int = 5000) -> int:
        """Insert already-clean lead rows fast (driver-level executemany), one transaction.

        Keys are Lead column names; timestamps may be aware datetimes. Each row also
        gets its first StageChange.
        """
        return self.imports.bulk_insert_leads(rows, batch_size=batch_size)

    def preview_import(self, path: Path, **choices: Any) -> Preview:
        """Sniff a CSV or vCard file: format, encoding, delimiter, mapping, sample rows."""
        return self.imports.preview_import(path, **choices)

    @unit_of_work
    def import_rows(
        self,
        preview: Preview,
        options: ImportOptions,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Import the previewed file in one transaction; a recorded, revertible batch."""
        return self.imports.import_rows(preview, options, progress)

    @unit_of_work
    def revert_import(
        self, batch_id: int, *, force: bool = False, keep: Collection[int] = ()
    ) -> dict[str, int]:
        """Undo an import batch exactly (new leads deleted, updated leads restored); leads
        changed since refuse it (naming them) unless kept (``keep``) or ``force``."""
        return self.imports.revert_import(batch_id, force=force, keep=keep)

    def import_changes(self, batch_id: int) -> list[ChangedLead]:
        """The leads of import batch ``batch_id`` edited, moved or touched since the import."""
        return sanitize(self.imports.import_changes(batch_id))

    @unit_of_work
    def export_leads(self, target: Path, options: ExportOptions) -> int:
        """Write leads to ``target`` (csv, vcf or json); returns how many."""
        return self.imports.export_leads(target, options)

    @unit_of_work
    def forget_lead(self, lead_id: int) -> int:
        """Erase a person for good (no bytes left behind); returns the tombstone id."""
        return self.imports.forget_lead(lead_id)

    @unit_of_work
    def forget_in_backups(self, person: Person) -> BackupErasure:
        """Erase a person (already forgotten here) from every backup of this database."""
        return self.imports.forget_in_backups(person)

    # -- duplicates (store/duplicates.py, store/merge.py) ---------------------------

    def scan_duplicates(
        self, minimum: Confidence | None = None, progress: Progress | None = None
    ) -> ScanResult:
        """Every cluster of duplicate candidates (blocking keys; run it in a worker)."""
        from leadtui.domain.duplicates import Confidence

        found = self.duplicates.scan(minimum or Confidence.POSSIBLE, progress)
        return sanitize(found)

    def duplicate_candidates(self, lead_id: int) -> list[Candidate]:
        """The candidates of one lead, surest first (indexed look-ups only)."""
        return sanitize(self.duplicates.candidates_for(lead_id))

    def check_duplicate(self, data: LeadInput, own_id: int | None = None) -> list[Candidate]:
        """Probable duplicates of a lead being typed (by phone, or name and company)."""
        return sanitize(self.duplicates.check_input(data, own_id))

    @unit_of_work
    def mark_not_duplicate(self, first_id: int, second_id: int) -> bool:
        """Remember two leads are different people (never proposed again)."""
        return self.duplicates.mark_not_duplicate(first_id, second_id)

    @unit_of_work
    def unmark_not_duplicate(self, first_id: int, second_id: int) -> None:
        """Forget a "not a duplicate" answer."""
        self.duplicates.unmark_not_duplicate(first_id, second_id)

    @unit_of_work
    def merge_leads(
        self, kept_id: int, other_id: int, sides: dict[str, Side] | None = None
    ) -> MergeResult:
        """Merge ``other_id`` into ``kept_id`` field by field; undone by :meth:`unmerge`."""
        return self.merges.merge(kept_id, other_id, sides)

    def merges_into(self, lead_id: int) -> list[MergeInfo]:
        """The merges into a lead that can still be undone, newest first."""
        return self.merges.merges_into(lead_id)

    @unit_of_work
    def unmerge(self, merge_id: int) -> MergeResult:
        """Both leads of a merge back as they were (later edits to the survivor stay)."""
        return self.merges.unmerge(merge_id)

    # -- safety ---------------------------------------------------------------------

    @unit_of_work
    def backup(self, reason: str = "manual") -> Path:
        """Back up the database now (old backups of the same kind pruned)."""
        return self.maintenance.backup(reason)

    def list_backups(self) -> list[BackupInfo]:
        """The backups of this database, newest first."""
        return self.maintenance.list_backups()

    @unit_of_work
    def restore_backup(self, backup: Path) -> RestoreResult:
        """Replace the database with ``backup``; the replaced file is kept in backups/."""
        return self.maintenance.restore(backup)

    def check(self) -> None:
        """Raise ``DatabaseRefused`` if the database file is not usable."""
        self.maintenance.check()
