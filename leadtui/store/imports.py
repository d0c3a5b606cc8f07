"""ImportsService: bulk insert, preview, import and its revert, export, erasure.

The format logic is in :mod:`leadtui.io`; the database side is the backend's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadtui.domain.changed import ChangedLead
from leadtui.domain.record_fields import replace
from leadtui.domain.sanitize import sanitize
from leadtui.store.context import StoreContext, unit_of_work

if TYPE_CHECKING:
    from leadtui.store.scoring import ScoringService

if TYPE_CHECKING:
    from leadtui.io.csv_import import ImportOptions
    from leadtui.io.export import ExportOptions
    from leadtui.io.records import Preview
    from leadtui.io.report import ImportReport
    from leadtui.storage.base import BackupErasure, Person


class ImportsService:
    """Whole-file jobs; each runs on a connection of its own (a worker thread may call it)."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    @unit_of_work
    def bulk_insert_leads(self, rows: Iterable[dict[str, Any]], *, batch_size: int = 5000) -> int:
        """Insert already-clean lead rows fast, one transaction (see the backend)."""
        self.context.refuse_if_read_only()
        last = self._last_id()
        pinned = ({**row, "score_pinned": row.get("score") is not None} for row in rows)
        inserted = self.backend.bulk_insert(pinned, self.context.now(), batch_size)
        self._scoring().recompute(after=last)
        return inserted

    def _last_id(self) -> int:
        from sqlalchemy import func, select

        from leadtui.storage.models import Lead

        with self.backend.read_session() as session:
            return int(session.execute(select(func.max(Lead.id))).scalar() or 0)

    def _scoring(self) -> ScoringService:
        from leadtui.store.scoring import ScoringService

        return ScoringService(self.context)

    def preview_import(self, path: Path, **choices: Any) -> Preview:
        """Sniff a CSV or vCard file: format, encoding, delimiter, mapping, sample rows."""
        from leadtui.io.reader import open_preview

        return open_preview(path, **choices)

    @unit_of_work
    def import_rows(
        self,
        preview: Preview,
        options: ImportOptions,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Import the previewed file in one transaction; a recorded, revertible batch."""
        from leadtui.io.csv_import import import_file

        # A dry run writes too (then rolls back): refused the same way.
        self.context.refuse_if_read_only()
        self.backend.check()  # quick_check: never import into a damaged file
        if options.owner is None:
            options = replace(options, owner=self.context.actor())
        if options.actor is None:
            options = replace(options, actor=self.context.actor())
        now = self.context.now()
        if not options.dry_run and options.scorer is None:
            from leadtui.store.import_scores import RowScorer

            options = replace(options, scorer=RowScorer(self.context.scores.ruleset, now))
        report = import_file(self.backend.import_target, preview, options, now, progress)
        if report.merge_into and report.batch_id is not None:
            from leadtui.store.import_merges import merge_imported

            merge_imported(self.context, report.batch_id, report.merge_into)
        if not options.dry_run:
            new = report.rescore_new if report.new_scored else None
            self._scoring().rescore_since(report.batch_id, now, new_leads=new)
        return report

    @unit_of_work
    def revert_import(
        self, batch_id: int, *, force: bool = False, keep: Collection[int] = ()
    ) -> dict[str, int]:
        """Undo an import batch exactly (new leads deleted, updated leads restored).

        Leads changed since the import are kept when in ``keep``, reverted too with
        ``force``; otherwise the revert is refused and names them (nothing changed).
        """
        from leadtui.domain.changed import refused_revert
        from leadtui.store.import_merges import unmerge_batch

        self.context.refuse_if_read_only()
        _refuse_impossible_batch(batch_id)
        if not force:  # refused before anything is unmerged
            changed = self.backend.import_changes(batch_id)
            changed = [lead for lead in changed if lead.id not in keep]
            if changed:
                raise refused_revert(changed)
        if unmerge_batch(self.context, batch_id, keep):
            # An unmerge gives a merged-away lead its old version back: checked above.
            force = True
        return self.backend.revert_import(batch_id, self.context.now(), keep=keep, force=force)

    def import_changes(self, batch_id: int) -> list[ChangedLead]:
        """The leads of import batch ``batch_id`` edited, moved or touched since the import."""
        _refuse_impossible_batch(batch_id)
        return sanitize(self.backend.import_changes(batch_id))

    @unit_of_work
    def export_leads(self, target: Path, options: ExportOptions) -> int:
        """Write leads to ``target`` (csv, vcf or json); returns how many."""
        from leadtui.io.export import export_leads

        return export_leads(self.backend.export_source(), target, self.backend.path, options)

    @unit_of_work
    def forget_lead(self, lead_id: int) -> int:
        """Erase a person for good (no bytes left behind); returns the tombstone id."""
        self.context.refuse_if_read_only()
        return self.backend.forget_lead(lead_id, self.context.now())

    @unit_of_work
    def forget_in_backups(self, person: Person) -> BackupErasure:
        """Erase a person (already forgotten here) from every backup of this database."""
        self.context.refuse_if_read_only()
        return self.backend.forget_in_backups(person, self.context.now())


def _refuse_impossible_batch(batch_id: int) -> None:
    """No batch has an id outside 1..MAX_ID, and the driver could not even bind it."""
    from leadtui.domain.ids import MAX_ID
    from leadtui.i18n import _
    from leadtui.io.errors import ImportRefused

    if not 0 < batch_id <= MAX_ID:
        raise ImportRefused(_("No import batch {id}.").format(id=batch_id))
