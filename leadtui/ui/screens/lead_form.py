"""LeadFormScreen: the new/edit lead modal. Nothing is written until Save.

The fields themselves (which, their text, typing it) are in
:mod:`~leadtui.ui.screens.form_fields`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from leadtui.domain.errors import DuplicateEmailError, LeadtuiError
from leadtui.domain.lead_input import check_lead_input
from leadtui.domain.rows import LeadInput, StageInfo
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _
from leadtui.ui.screens.confirm import ConfirmScreen
from leadtui.ui.screens.form_conflict import resolve_conflict
from leadtui.ui.screens.form_fields import (
    TEXT_INPUTS,
    field_widgets,
    grid_columns,
    input_texts,
    typed_lead,
)
from leadtui.ui.screens.form_save import FormResult, Saved, write_lead
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from leadtui.store import LeadStore
    from leadtui.ui.screens.base import LeadAppParts


class LeadFormScreen(ModalScreen[FormResult | None]):
    """Every lead field with inline errors; Save is refused while anything is invalid."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Save"), id="form.save"),
        Binding("escape", "cancel", _("Cancel"), id="form.cancel"),
    ]

    def __init__(self, stages: list[StageInfo], lead_id: int | None = None) -> None:
        super().__init__()
        self.stages = stages
        self.lead_id = lead_id
        self.version = 0
        self.original = LeadInput(stage=stages[0].key if stages else "new")
        self.touched: set[str] = set()
        self.duplicate_id: int | None = None
        self._loading = True
        self._saving = False
        self._initial: tuple[object, ...] = ()

    @property
    def up_to_date(self) -> bool:
        """False while a save is on its way to the database."""
        return not self._saving

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        return cast("LeadAppParts", self.app).store

    def compose(self) -> ComposeResult:
        title = _("New lead") if self.lead_id is None else _("Edit lead")
        with Vertical(id="lead-form", classes="dialog"):
            yield Static(Content(title), classes="dialog-title")
            with VerticalScroll(id="form-scroll"), Grid(id="form-grid"):
                yield from field_widgets(self.stages, self.original.stage)
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="open-existing", classes="hidden", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Save (ctrl+s)"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        """Fill the fields (edit) and focus the first one."""
        if self.lead_id is not None:
            try:
                self.original, self.version = self.store.leads.lead_input(self.lead_id)
            except LeadtuiError as error:
                self.notify(Content(str(error)).plain, severity="error", markup=False)
                self.dismiss(None)
                return
        self.fill(self.original)
        self.query_one("#in-first_name", Input).focus()
        self.call_after_refresh(self._loaded)

    def on_resize(self) -> None:
        """Three columns of fields on a wide screen, two or one on a narrow one (it scrolls)."""
        self.query_one("#form-grid", Grid).styles.grid_size_columns = grid_columns(self.size.width)

    def _loaded(self) -> None:
        self._initial = self.widget_values()
        self._loading = False

    def widget_values(self) -> tuple[object, ...]:
        """What every widget shows now (to tell whether the user changed anything)."""
        return (
            *(self._text(name) for name, _label in TEXT_INPUTS),
            self.query_one("#in-source", Select).value,
            self.query_one("#in-stage", Select).value,
            self.query_one("#in-consent", Checkbox).value,
        )

    def fill(self, data: LeadInput) -> None:
        """Show ``data`` in the widgets."""
        for name, text in input_texts(data).items():
            self.query_one(f"#in-{name}", Input).value = text
        self.query_one("#in-source", Select).value = data.source
        self.query_one("#in-stage", Select).value = data.stage
        self.query_one("#in-consent", Checkbox).value = data.consent

    def _text(self, name: str) -> str:
        return self.query_one(f"#in-{name}", Input).value

    def collect(self) -> tuple[LeadInput, dict[str, str], dict[str, object]]:
        """The typed lead, every error (field -> message), and the cleaned values."""
        text = {name: self._text(name) for name, _label in TEXT_INPUTS}
        data, errors = typed_lead(
            text,
            source=str(self.query_one("#in-source", Select).value),
            stage=str(self.query_one("#in-stage", Select).value),
            consent=self.query_one("#in-consent", Checkbox).value,
            followup=self.original.next_followup_at,
        )
        values, checked = check_lead_input(
            data, stage_keys=tuple(stage.key for stage in self.stages)
        )
        return data, {**checked, **errors}, values

    def show_errors(self, errors: dict[str, str], *, every: bool) -> None:
        """Put each message under its field (only touched fields unless ``every``)."""
        for name in [*(n for n, _label in TEXT_INPUTS), "source", "stage"]:
            message = errors.get(name, "") if every or name in self.touched else ""
            shown = self.query_one(f"#err-{name}", Static)
            shown.update(Content(message))
            shown.set_class(not message, "hidden")

    @property
    def changed(self) -> bool:
        """True when the form differs from what it was opened with."""
        return self.widget_values() != self._initial

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._loading or event.input.id is None:
            return
        self.touched.add(event.input.id.removeprefix("in-"))
        if event.input.id == "in-email":
            self._hide_duplicate()
        self.show_errors(self.collect()[1], every=False)

    def _hide_duplicate(self) -> None:
        self.duplicate_id = None
        self.query_one("#open-existing", Button).add_class("hidden")

    def action_save(self) -> None:
        """Validate everything; write only when valid."""
        data, errors, _values = self.collect()
        self.show_errors(errors, every=True)
        if errors:
            self.notify(_("Fix the marked fields first; nothing was saved."), severity="warning")
            return
        if self._saving:
            return  # the first ctrl+s is on its way; a second would add the lead twice
        self._save_data(data)

    def _save_data(self, data: LeadInput) -> None:
        self._saving = True
        run_write(
            self,
            lambda: self._write(data),
            on_done=self._saved,
            on_error=self._save_failed,
            undo=lambda saved: saved.undo,
        )

    def _saved(self, saved: Saved) -> None:
        self._saving = False
        if saved.conflict is not None:
            self._resolve(saved.conflict)
            return
        self.lead_id = saved.lead_id
        self.dismiss(FormResult(lead_id=saved.lead_id, created=saved.created))

    def _resolve(self, mine: LeadInput) -> None:
        """The lead changed elsewhere: the user merges, takes theirs, or goes back."""
        if self.lead_id is None:
            return
        lead_id = self.lead_id
        resolve_conflict(
            self,
            self.store,
            lead_id,
            self.original,
            self.stages,
            mine,
            save_merged=self.save_merged,
            kept_theirs=lambda: self.dismiss(FormResult(lead_id=lead_id, kept_theirs=True)),
        )

    def save_merged(self, theirs: LeadInput, version: int, merged: LeadInput) -> None:
        """Save ``merged`` on top of version ``version`` (``theirs``), the undo going back to it."""
        self.original, self.version = theirs, version
        self._save_data(merged)

    def _save_failed(self, error: LeadtuiError) -> bool:
        """The form stays open with what was typed; say what is wrong where it is wrong."""
        self._saving = False
        if isinstance(error, DuplicateEmailError):
            self._offer_existing(error)
            return True
        if isinstance(error, ValidationError):
            self.show_errors({error.field: error.message}, every=True)
            return True
        return False  # a conflict, a full disk, a busy database: one toast says why

    def _write(self, data: LeadInput) -> Saved:
        """Save ``data`` (runs in the write worker); the undo step is pushed on success."""
        return write_lead(self.store, self.lead_id, self.version, self.original, data, self)

    def _offer_existing(self, error: DuplicateEmailError) -> None:
        self.duplicate_id = error.existing_id
        shown = self.query_one("#err-email", Static)
        shown.update(Content(str(error)))
        shown.remove_class("hidden")
        button = self.query_one("#open-existing", Button)
        button.label = Content(_("Open {name}").format(name=error.existing_name))
        button.remove_class("hidden")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, cancel, or open the lead that already has this email."""
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "open-existing" and self.duplicate_id is not None:
            self.dismiss(FormResult(open_id=self.duplicate_id))
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close; a changed form asks before its changes are dropped."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                _("Discard changes?"), _("What you typed in this form will be lost."), _("Discard")
            ),
            answered,
        )
