"""The import screen: choose a file, check the preview and mapping, import with progress.

Every step that reads the whole file (the dry run behind the counts, the
import itself) runs in a thread worker with a progress bar and can be cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    OptionList,
    ProgressBar,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from leadtui.i18n import _
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.widgets.fitted_table import FittedDataTable

FIELD_LABELS: dict[str, str] = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "full_name": _("Full name"),
    "email": _("Email"),
    "phone": _("Phone"),
    "company": _("Company"),
    "job_title": _("Job title"),
    "website": _("Website"),
    "source": _("Source"),
    "campaign": _("Campaign"),
    "utm_source": _("UTM source"),
    "utm_medium": _("UTM medium"),
    "utm_campaign": _("UTM campaign"),
    "consent": _("Consent"),
    "consent_at": _("Consent date"),
    "stage": _("Stage"),
    "value": _("Value"),
    "value_cents": _("Value (cents)"),
    "currency": _("Currency"),
    "score": _("Score"),
    "next_followup_at": _("Next follow-up"),
    "created_at": _("Created"),
    "tags": _("Tags"),
    "note": _("Note"),
    "ignore": _("(ignore)"),
}
SAMPLES = 3
LISTED_ISSUES = 200


class FieldPickerScreen(ModalScreen[str | None]):
    """Choose the lead field a column feeds; dismisses with its key, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", _("Cancel"), id="field.cancel"),
    ]

    def __init__(self, column: str, current: str) -> None:
        super().__init__()
        self.column, self.current = column, current

    def compose(self) -> ComposeResult:
        with Vertical(id="field-picker", classes="dialog"):
            yield Static(
                Content(_("Column “{column}” feeds…").format(column=self.column)),
                classes="dialog-title",
            )
            yield OptionList(
                *(Option(Content(label), id=key) for key, label in FIELD_LABELS.items())
            )

    def on_mount(self) -> None:
        """Start on the current field."""
        self.query_one(OptionList).highlighted = list(FIELD_LABELS).index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter picks the field."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class ImportScreen(StoreScreen[None]):
    """Pick a file, see what it holds and what would happen, then import it."""

    DEFAULT_CSS = """
    ImportScreen #import-file-row { height: 3; }
    ImportScreen #import-path { width: 1fr; }
    ImportScreen #import-duplicates { width: 24; }
    ImportScreen #import-info, ImportScreen #import-counts { height: auto; padding: 0 1; }
    ImportScreen #import-mapping { height: 1fr; }
    ImportScreen #import-issues { height: 8; }
    ImportScreen #import-progress-row { height: 1; padding: 0 1; }
    ImportScreen #import-buttons { height: 3; align-horizontal: right; }
    ImportScreen #import-buttons Button { margin-left: 1; width: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "run_import", _("Import"), id="import.run"),
        Binding("enter", "pick_field", _("Change field"), id="import.field", show=False),
        Binding("escape", "cancel", _("Cancel / back"), id="import.cancel"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.preview: Any = None
        self.mapping: list[str] = []
        self.report: Any = None  # the finished count the confirmation quotes
        self.rows_known: int | None = None  # rows in the file, once one count finished
        self.cancel_event = threading.Event()
        self.busy = False
        self.counted_mode: object = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="import-file-row"):
            yield Input(
                self.initial_path,
                placeholder=_("Path to a CSV or vCard file, Enter"),
                id="import-path",
            )
            yield Select(
                [
                    (_("Duplicates: skip"), "skip"),
                    (_("Duplicates: update"), "update"),
                    (_("Duplicates: merge"), "merge"),
                ],
                value="skip",
                allow_blank=False,
                id="import-duplicates",
            )
        yield Static(Content(_("Choose a file to see a preview.")), id="import-info")
        yield FittedDataTable(id="import-mapping", cursor_type="row", zebra_stripes=True)
        yield Static(Content(""), id="import-counts")
        yield FittedDataTable(id="import-issues", cursor_type="row")
        with Horizontal(id="import-progress-row"):
            yield ProgressBar(id="import-progress", show_eta=False)
        with Horizontal(id="import-buttons"):
            yield Button(_("Cancel"), id="import-cancel")
            yield Button(_("Import (ctrl+s)"), variant="primary", id="import-go", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        """Set up the tables; preview at once when a path was given."""
        self.title = _("Import leads")
        mapping = self.query_one("#import-mapping", DataTable)
        mapping.add_columns(
            _("Column"), _("Field"), *(_("Row {n}").format(n=n) for n in range(1, SAMPLES + 1))
        )
        issues = self.query_one("#import-issues", DataTable)
        issues.add_columns(_("Row"), _("Line"), _("Column"), _("What happens"))
        self.query_one("#import-path", Input).focus()
        if self.initial_path:
            self.load_preview(self.initial_path)

    @property
    def up_to_date(self) -> bool:
        """True when no count or import runs and both tables are sized to their rows."""
        return not self.busy and all(table.is_laid_out for table in self.query(FittedDataTable))

    # -- preview ----------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        self.load_preview(event.value)

    def load_preview(self, raw_path: str) -> None:
        """Sniff the file and show format, mapping and samples; then count in a worker."""
        from leadtui.domain.errors import LeadtuiError

        path = Path(raw_path.strip()).expanduser()
        try:
            self.preview = self.store.preview_import(path)
        except (LeadtuiError, OSError, ValueError) as error:
            self.preview = None
            self._info(_("Cannot import {path}: {reason}").format(path=path, reason=error))
            self.query_one("#import-go", Button).disabled = True
            return
        self.mapping = list(self.preview.mapping)
        self._show_preview()
        self.query_one("#import-mapping", DataTable).focus()
        self.count()

    def _info(self, text: str) -> None:
        self.query_one("#import-info", Static).update(Content(text))

    def _show_preview(self) -> None:
        preview = self.preview
        delimiter = {"\t": _("tab"), "": "-"}.get(preview.delimiter, preview.delimiter)
        self._info(
            _(
                "{file}: {format} · encoding {encoding} · delimiter {delimiter} · {columns} columns"
            ).format(
                file=preview.path.name,
                format=preview.format.label,
                encoding=preview.encoding,
                delimiter=delimiter,
                columns=len(preview.header),
            )
        )
        table = self.query_one("#import-mapping", DataTable)
        cursor = table.cursor_row
        table.clear()
        for index, column in enumerate(preview.header):
            samples = [
                Text(row[index] if index < len(row) else "", no_wrap=True, overflow="ellipsis")
                for row in preview.sample[:SAMPLES]
            ]
            samples += [Text("")] * (SAMPLES - len(samples))
            field = self.mapping[index]
            style = "dim" if field == "ignore" else "bold"
            table.add_row(
                Text(column or str(index + 1)),
                Text(FIELD_LABELS[field], style=style),
                *samples,
                key=str(index),
            )
        if cursor:
            table.move_cursor(row=min(cursor, len(preview.header) - 1))

    def action_pick_field(self) -> None:
        """Change the field of the column under the cursor."""
        table = self.query_one("#import-mapping", DataTable)
        if self.preview is None or self.busy or not table.has_focus:
            return
        index = table.cursor_row
        column = self.preview.header[index] or str(index + 1)

        def chosen(field: str | None) -> None:
            if field is not None and field != self.mapping[index]:
                self.mapping[index] = field
                self._show_preview()
                self.count()

        self.app.push_screen(FieldPickerScreen(column, self.mapping[index]), chosen)

    @on(DataTable.RowSelected, "#import-mapping")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_pick_field()

    @on(Select.Changed, "#import-duplicates")
    def _mode_changed(self, event: Select.Changed) -> None:
        # The Select also reports its first value as it mounts; counting again for a
        # mode already counted would read the whole file twice.
        if self.preview is not None and event.value != self.counted_mode:
            self.count()

    def _options(self, *, dry_run: bool) -> Any:
        from dataclasses import replace

        from leadtui.io.csv_import import ImportOptions

        self.preview = replace(self.preview, mapping=list(self.mapping))
        self.cancel_event.set()  # a count still running stops at its next chunk
        self.cancel_event = threading.Event()
        mode = self.query_one("#import-duplicates", Select).value
        if dry_run:
            self.counted_mode = mode
        return ImportOptions(on_duplicate=str(mode), dry_run=dry_run, cancel=self.cancel_event)

    def count(self) -> None:
        """Dry-run the whole file in a worker to show what an import would do."""
        self.query_one("#import-counts", Static).update(Content(_("Counting…")))
        self.report = None  # the old counts no longer describe what an import would do
        self._start(dry_run=True)

    def _start(self, *, dry_run: bool) -> None:
        """Run a count or the import; busy from now, so no second run can slip in."""
        self.query_one("#import-go", Button).disabled = True
        self.busy = True
        self._run(self._options(dry_run=dry_run))

    # -- running ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="import")
    def _run(self, options: Any) -> None:
        from leadtui.domain.errors import LeadtuiError

        run = options.cancel  # identifies this run; a newer run replaces self.cancel_event

        def show(callback: Callable[[Any], None], value: Any) -> None:
            # A count superseded by a newer one (mapping or mode changed) must not
            # overwrite what the newer one shows; a cancel by the user still does.
            if self.cancel_event is run:
                callback(value)

        self.app.call_from_thread(show, self._progress, 0)
        try:
            report = self.store.import_rows(
                self.preview,
                options,
                lambda done: self.app.call_from_thread(show, self._progress, done),
            )
        except (LeadtuiError, OSError, ValueError) as error:
            self.app.call_from_thread(show, self._failed, str(error))
        else:
            self.app.call_from_thread(show, self._finished, report)
        finally:
            if self.cancel_event is run:
                self.busy = False

    def _progress(self, done: int) -> None:
        total = self.rows_known
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)

    def _failed(self, message: str) -> None:
        self.query_one("#import-counts", Static).update(Content(message))

    def _finished(self, report: Any) -> None:
        if not report.dry_run:
            self._imported(report)
            return
        self.report = report
        self.rows_known = report.rows_read
        self.query_one("#import-progress", ProgressBar).update(
            total=report.rows_read, progress=report.rows_read
        )
        self.query_one("#import-counts", Static).update(
            Content(
                _(
                    "{read} rows: {new} new · {updated} updated · {duplicate} duplicates skipped · "
                    "{invalid} invalid · {cleaned} cleaned · {warned} with warnings"
                ).format(
                    read=f"{report.rows_read:,}",
                    new=f"{report.imported:,}",
                    updated=f"{report.updated + report.merged:,}",
                    duplicate=f"{report.skipped:,}",
                    invalid=f"{report.rejected:,}",
                    cleaned=f"{report.notices_count:,}",
                    warned=f"{report.with_warnings:,}",
                )
            )
        )
        issues = self.query_one("#import-issues", DataTable)
        issues.clear()
        listed = [*report.rejections, *report.warnings, *report.skips, *report.notices]
        for issue in sorted(listed[:LISTED_ISSUES], key=lambda issue: issue.row):
            reason = (
                _("left out {value}: {reason}").format(value=repr(issue.value), reason=issue.reason)
                if issue.value
                else issue.reason
            )
            issues.add_row(str(issue.row), str(issue.line), Text(issue.column), Text(reason))
        self.query_one("#import-go", Button).disabled = report.rows_read == 0

    def _imported(self, report: Any) -> None:
        batch_id = report.batch_id
        store = self.store

        def revert() -> None:
            store.revert_import(batch_id)

        self.lead_app.undo_history.push(
            _("import of {file}").format(file=Path(report.file).name), revert
        )
        self.notify(
            _(
                "Imported {new}, updated {updated}, skipped {skipped}, rejected "
                "{rejected} (batch {id}; u to undo)."
            ).format(
                new=f"{report.imported:,}",
                updated=f"{report.updated + report.merged:,}",
                skipped=f"{report.skipped:,}",
                rejected=f"{report.rejected:,}",
                id=batch_id,
            ),
            markup=False,
        )
        self.dismiss(None)

    def action_run_import(self) -> None:
        """Ask, then import for real."""
        from leadtui.ui.screens.confirm import ConfirmScreen

        if self.preview is None or self.busy or self.report is None:
            return
        report = self.report

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(dry_run=False)

        self.app.push_screen(
            ConfirmScreen(
                _("Import leads"),
                _("Add {new} new leads and update {updated} from {file}?").format(
                    new=f"{report.imported:,}",
                    updated=f"{report.updated + report.merged:,}",
                    file=Path(report.file).name,
                ),
                _("Import"),
            ),
            answered,
        )

    @on(Button.Pressed, "#import-go")
    def _go(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_run_import()

    @on(Button.Pressed, "#import-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        """Stop a running import (nothing is written), or leave the screen."""
        if self.busy:
            self.cancel_event.set()
            self.query_one("#import-counts", Static).update(Content(_("Cancelling…")))
            return
        self.dismiss(None)
