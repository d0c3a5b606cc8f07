"""ActivityEditDialog: correct a timeline entry's kind, date and text; Ctrl+S saves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static, TextArea

from leadtui.domain.activity_edit import moment_text, parse_moment
from leadtui.domain.rows import TimelineEntry
from leadtui.i18n import _
from leadtui.ui.screens.activity_dialog import KINDS
from leadtui.ui.widgets.timeline import activity_label


@dataclass(frozen=True, slots=True)
class ActivityChange:
    """The entry as the user left it."""

    kind: str
    at: datetime
    body: str


class ActivityEditDialog(ModalScreen[ActivityChange | None]):
    """The entry's kind, date and text, pre-filled; Ctrl+S saves, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Save"), id="activity_edit.save"),
        Binding("escape", "cancel", _("Cancel"), id="activity_edit.cancel"),
    ]

    def __init__(self, entry: TimelineEntry) -> None:
        super().__init__()
        self.entry = entry
        self.kinds = KINDS if entry.activity_kind in KINDS else (*KINDS, entry.activity_kind)

    def compose(self) -> ComposeResult:
        with Vertical(id="activity-edit", classes="dialog"):
            yield Static(Content(_("Edit the entry")), classes="dialog-title")
            with RadioSet(id="activity-edit-kind"):
                for kind in self.kinds:
                    yield RadioButton(
                        activity_label(kind),
                        value=kind == self.entry.activity_kind,
                        id=f"edit-kind-{kind}",
                    )
            yield Input(moment_text(self.entry.at), id="activity-edit-at")
            yield TextArea(
                self.entry.body, id="activity-edit-body", soft_wrap=True, show_line_numbers=False
            )
            yield Static("", id="activity-edit-error", classes="field-error")
            yield Static(
                Content(_("Tab moves between kind, date and text · Ctrl+S saves")),
                id="activity-edit-help",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Save (ctrl+s)"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        """Start in the text, at its end."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def kind(self) -> str:
        """The chosen kind."""
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return self.entry.activity_kind
        return pressed.id.removeprefix("edit-kind-")

    def action_save(self) -> None:
        """Check the date (and a note's text), then hand the entry back."""
        error = self.query_one("#activity-edit-error", Static)
        try:
            at = parse_moment(self.query_one(Input).value, self.entry.at)
        except ValueError as problem:
            error.update(Content(str(problem)))
            return
        body = self.query_one(TextArea).text.strip()
        if self.kind == "note" and not body:
            error.update(Content(_("A note needs some text.")))
            return
        self.dismiss(ActivityChange(self.kind, at, body))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
