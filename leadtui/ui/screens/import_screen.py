"""The import screen: choose a file, check the preview and mapping, import with progress.

The field picker is in :mod:`~leadtui.ui.screens.import_fields`; what a preview and a
run look like (mapping rows, counts, issues, toasts) in
:mod:`~leadtui.ui.screens.import_report`.

Every step that reads the whole file (the dry run behind the counts, the
import itself) runs in a thread worker with a progress bar and can be cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Header, Input, ProgressBar, Select, Static

from leadtui.i18n import N_, _
from leadtui.ui.keymap import bind
from leadtui.ui.screens import import_report
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.screens.import_fields import FieldPickerScreen
from leadtui.ui.widgets.fitted_table import FittedDataTable


class ImportScreen(StoreScreen[None]):
    """Pick a file, see what it holds and what would happen, then import it."""

    DEFAULT_CSS = """
    ImportScreen #import-file-row { height: 3; }
    ImportScreen #import-path { width: 1fr; }
    ImportScreen #import-duplicates { width: 24; }
    ImportScreen #import-info, ImportScreen #import-counts { height: auto; padding: 0 1; }
    ImportScreen #import-hint { height: auto; padding: 0 1; color: $text-muted; }
    ImportScreen #import-mapping { height: 2fr; min-height: 5; }
    ImportScreen #import-issues { height: 1fr; min-height: 3; max-height: 8; }
    ImportScreen #import-progress-row { height: 1; padding: 0 1; }
    ImportScreen #import-buttons { height: 3; align-horizontal: right; }
    ImportScreen #import-buttons Button { margin-left: 1; width: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("import", "save", "run_import", description=N_("Import")),
        bind("import", "open", "pick_field", description=N_("Change field")),
        bind("import", "cancel", description=N_("Cancel / back")),
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
        yield Static(
            Content(_("Each row is a column of the file: Enter on a row changes its field.")),
            id="import-hint",
        ).set_styles("display: none;")
        yield FittedDataTable(id="import-mapping", cursor_type="row", zebra_stripes=True)
        yield Static(Content(""), id="import-counts")
        yield FittedDataTable(id="import-issues", cursor_type="row")
        # The bar is mounted by the first run: before a file is chosen it would only
        # animate (an indeterminate bar redraws 15 times a second) on an idle screen.
        yield Horizontal(id="import-progress-row")
        with Horizontal(id="import-buttons"):
            # Import comes first in the Tab order; Cancel is left to Esc or the mouse, so
            # Tab ... Enter can never close the screen without importing.
            yield Button(_("Import (ctrl+s)"), variant="primary", id="import-go", disabled=True)
            cancel = Button(_("Cancel (Esc)"), id="import-cancel")
            cancel.can_focus = False
            yield cancel
        yield Footer()

    def on_mount(self) -> None:
        """Set up the tables; preview at once when a path was given."""
        self.title = _("Import leads")
        mapping = self.query_one("#import-mapping", DataTable)
        mapping.add_columns(
            _("Column"),
            _("Field"),
            *(_("Row {n}").format(n=n) for n in range(1, import_report.SAMPLES + 1)),
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
            self.preview = self.store.imports.preview_import(path)
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
        self._info(import_report.preview_info(self.preview))
        self.query_one("#import-hint").display = True
        table = self.query_one("#import-mapping", DataTable)
        import_report.show_mapping(table, self.preview, self.mapping)

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
        from leadtui.domain.record_fields import replace
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
        row = self.query_one("#import-progress-row", Horizontal)
        if not row.children:
            row.mount(ProgressBar(id="import-progress", show_eta=False))
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
            report = self.store.imports.import_rows(
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
        counts = self.query_one("#import-counts", Static)
        counts.update(Content(import_report.counts_text(report)))
        import_report.show_issues(self.query_one("#import-issues", DataTable), report)
        self.query_one("#import-go", Button).disabled = report.rows_read == 0

    def _imported(self, report: Any) -> None:
        batch_id = report.batch_id
        store = self.store

        def revert() -> None:
            store.imports.revert_import(batch_id)

        self.lead_app.undo_history.push(
            _("import of {file}").format(file=Path(report.file).name), revert
        )
        self.notify(import_report.imported_text(report), markup=False)
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

        question = import_report.confirm_text(report)
        self.app.push_screen(ConfirmScreen(_("Import leads"), question, _("Import")), answered)

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
