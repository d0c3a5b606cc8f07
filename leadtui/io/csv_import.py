"""Import leads: stream parse → validate → dedupe → plan → write, in one transaction.

Every row read ends in exactly one of imported / updated / merged / skipped /
rejected. Duplicates are found by normalised email key, then by E.164 phone,
both inside the file and against the database (rows written earlier in the
same transaction are in the database, so one lookup covers both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from itertools import islice
from typing import Any

from leadtui.i18n import _, input_locale
from leadtui.io.convert import RowConverter, stage_lookup
from leadtui.io.date_order import locale_reads_day_first, scan_date_orders
from leadtui.io.dedupe import Where, find_duplicate, merge_pending
from leadtui.io.errors import ImportRefused

# The options and the cancel error, re-exported: callers import them with import_file.
from leadtui.io.import_options import MODES as MODES
from leadtui.io.import_options import ImportCancelled as ImportCancelled
from leadtui.io.import_options import ImportOptions as ImportOptions
from leadtui.io.import_options import Progress as Progress
from leadtui.io.json_import import LEADTUI_JSON, restore_json
from leadtui.io.layout import IGNORE
from leadtui.io.reader import records
from leadtui.io.records import BadRecord, Preview, Record
from leadtui.io.report import ImportReport
from leadtui.io.row_outcome import Converted, Issue, RowRejected, lead_row
from leadtui.io.value_fill import DATE_FIELDS
from leadtui.storage.gc_batch import fewer_collections
from leadtui.storage.import_target import ImportTarget


class _DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls back."""


class Importer:
    """One run over one previewed file."""

    def __init__(
        self,
        target: ImportTarget,
        preview: Preview,
        options: ImportOptions,
        now: datetime,
        batch_id: int,
        report: ImportReport,
    ) -> None:
        if options.on_duplicate not in MODES:
            raise ImportRefused(
                _("--on-duplicate must be one of: {modes}.").format(modes=", ".join(MODES))
            )
        self.target = target
        self.options = options
        self.owner_mapped = "owner" in preview.mapping
        self.now = now
        self.batch_id = batch_id
        self.report = report
        self.writer = target.writer(now, updates=True)
        stages = target.stage_names()
        self.converter = RowConverter(
            preview.format,
            preview.header,
            preview.mapping,
            stages=stage_lookup(stages),
            source=options.source,
            region=options.region,
            guarded=preview.encoding == "utf-8-sig",  # the safe export writes a BOM, raw not
        )
        self._decide_date_orders(preview)

    def _decide_date_orders(self, preview: Preview) -> None:
        """One order per date column, from all its values (a first pass over the file)."""
        columns = [(i, t) for i, t in enumerate(preview.mapping) if t in DATE_FIELDS]
        if not columns:
            return
        day_first = preview.format.day_first or locale_reads_day_first(input_locale())
        decided = scan_date_orders(
            records(preview), preview.header, columns, locale_day_first=day_first
        )
        for column in decided:
            self.converter.day_first.setdefault(column.target, column.day_first)
        self.report.date_columns = decided

    def run(self, rows: Iterator[Record], progress: Progress | None) -> None:
        """Read every row, chunk by chunk."""
        try:
            while chunk := list(islice(rows, self.options.chunk_size)):
                if self.options.cancel.is_set():
                    raise ImportCancelled(_("Import cancelled; nothing was written."))
                self._chunk(chunk)
                if progress is not None:
                    progress(self.report.rows_read)
            self.writer.finish()
        finally:
            self.writer.stop()
        for issue in self.converter.notices:
            self.report.notice(issue)

    def _chunk(self, chunk: list[Record]) -> None:
        report = self.report
        converted: list[tuple[Where, Converted]] = []
        for row, line, cells in chunk:
            report.rows_read += 1
            if isinstance(cells, BadRecord):
                report.reject(Issue(row, line, "-", cells.reason))
                continue
            if not "".join(cells).strip():
                report.skip(Issue(row, line, "-", _("empty row")))
                continue
            if len(cells) > len(self.converter.header) and any(
                cell.strip() for cell in cells[len(self.converter.header) :]
            ):
                report.reject(
                    Issue(
                        row,
                        line,
                        "-",
                        _("{cells} cells but only {columns} columns").format(
                            cells=len(cells), columns=len(self.converter.header)
                        ),
                    )
                )
                continue
            try:
                lead = self.converter.convert(row, line, cells)
            except RowRejected as rejected:
                report.reject(rejected.issue)
                continue
            converted.append((Where(row, line), lead))
            for issue in lead.warnings:
                report.warn(issue)
        self._plan(converted)

    def _plan(self, converted: list[tuple[Where, Converted]]) -> None:
        self.writer.wait()  # the previous chunk's search indexing: the connection is ours now
        emails = {c.values["email_key"] for _i, c in converted if c.values.get("email_key")}
        phones = {c.values["phone_e164"] for _i, c in converted if c.values.get("phone_e164")}
        known_emails = self.target.by_email(emails)
        known_phones = self.target.by_phone(phones)
        pending: list[tuple[Where, Converted]] = []
        pending_email: dict[str, int] = {}
        pending_phone: dict[str, int] = {}
        updates: dict[int, list[Converted]] = {}
        absorbed: list[tuple[int, bool, Converted]] = []
        mode = self.options.on_duplicate
        for where, row in converted:
            key, phone = row.values.get("email_key"), row.values.get("phone_e164")
            if (key and (key in pending_email or key in known_emails)) or (
                phone and (phone in pending_phone or phone in known_phones)
            ):
                target = find_duplicate(
                    key, phone, known_emails, known_phones, pending_email, pending_phone, pending
                )
            else:  # matches nothing (most rows): skip the call
                target = None
            if target is None:
                pending_index = len(pending)
                pending.append((where, row))
                if key:
                    pending_email[key] = pending_index
                if phone:
                    pending_phone.setdefault(phone, pending_index)
                continue
            if target.why == "deleted" or mode == "skip":
                reason = (
                    _("matches deleted lead {id}; restore it to update it")
                    if target.why == "deleted"
                    else target.why
                )
                self.report.skip(Issue(where.row, where.line, target.column, reason))
            elif target.pending is not None:
                merge_pending(pending[target.pending][1], row, mode)
                if key and key not in pending_email:
                    pending_email[key] = target.pending
                self._count(mode, row)
            else:
                assert target.lead_id is not None
                if mode == "merge" and not self.writer.is_new(target.lead_id):
                    # A lead of its own, merged into the match afterwards, so unmergeable.
                    absorbed.append((target.lead_id, target.column == "email", row))
                else:
                    updates.setdefault(target.lead_id, []).append(row)
                if key:  # a phone match may give the lead this email
                    known_emails.setdefault(key, (target.lead_id, False))
                self._count(mode, row)
        self._write(pending, updates, absorbed)

    def _count(self, mode: str, row: Converted) -> None:
        if row.warnings:
            self.report.with_warnings += 1
        if mode == "update":
            self.report.updated += 1
        else:
            self.report.merged += 1

    def _new_lead(self, row: Converted) -> dict[str, Any]:
        """The bulk row of a new lead; owned by the importer unless a column names the owner."""
        values = lead_row(row, self.batch_id, self.now)
        if not self.owner_mapped:
            values["owner"] = self.options.owner
        return values

    def _write(
        self,
        pending: list[tuple[Where, Converted]],
        updates: dict[int, list[Converted]],
        absorbed: list[tuple[int, bool, Converted]],
    ) -> None:
        rows: list[dict[str, Any]] = []
        for _where, row in pending:
            rows.append(self._new_lead(row))
            if row.warnings:
                self.report.with_warnings += 1
        for _lead_id, by_email, row in absorbed:
            rows.append(self._new_lead(row))
            if by_email:  # the lead it merges into holds this address's key
                rows[-1]["email_key"] = None
        for lead_id, dupes in updates.items():
            if self.writer.is_new(lead_id):  # scored when written: changed since
                self.report.rescore_new.append(lead_id)
            self.target.update_lead(
                self.writer, lead_id, dupes, self.options.on_duplicate, self.now
            )
        if rows:  # last: it leaves the search indexing running while the next chunk is read
            if self.options.scorer is not None:
                self.options.scorer(rows)
            ids = self.writer.insert(rows)
            self.report.imported += len(pending)
            self.report.merge_into += [
                (lead_id, new_id, frozenset(row.given))
                for (lead_id, _e, row), new_id in zip(absorbed, ids[len(pending) :], strict=True)
            ]


def import_file(
    transaction: Callable[[], AbstractContextManager[ImportTarget]],
    preview: Preview,
    options: ImportOptions,
    now: datetime,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the previewed file in one ``transaction()`` (rolled back for a dry run).

    ``transaction`` is the backend's import unit of work
    (:meth:`leadtui.storage.base.Backend.import_target`), yielding the batch's SQL
    inside one write transaction, the same on both backends: the import needs no ORM,
    so a command-line import does not pay for importing it.
    """
    report = ImportReport(
        file=str(preview.path),
        format=preview.format.key,
        format_label=preview.format.label,
        encoding=preview.encoding,
        delimiter=preview.delimiter,
        mapping={
            column or str(i + 1): target
            for i, (column, target) in enumerate(zip(preview.header, preview.mapping, strict=True))
            if target != IGNORE
        },
        on_duplicate=options.on_duplicate,
        dry_run=options.dry_run,
        not_imported=preview.not_imported,
        kept_in_note=preview.kept_in_note,
    )
    try:
        with fewer_collections(), transaction() as target:
            floor = target.tag_floor()
            batch_id = target.start(now, preview.path.name, preview.format.key, options.actor)
            if preview.format is LEADTUI_JSON:
                restore_json(target, preview, report, now, batch_id)
            else:
                importer = Importer(target, preview, options, now, batch_id, report)
                report.new_scored = options.scorer is not None
                importer.run(records(preview), progress)
                target.record_imported_history(batch_id)
            report.batch_id = None if options.dry_run else batch_id
            target.finish(batch_id, report.as_dict(limit=0), report.as_dict(limit=1000), floor)
            if options.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report
