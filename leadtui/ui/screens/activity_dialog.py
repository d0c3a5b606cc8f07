"""ActivityDialog: log a note, call, email or meeting with multi-line text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static, TextArea

from leadtui.i18n import _
from leadtui.ui.widgets.timeline import activity_label

KINDS = ("note", "call", "email", "meeting")
"""The kinds a person logs by hand (forms and system events come from elsewhere)."""


@dataclass(frozen=True, slots=True)
class ActivityDraft:
    """What to log."""

    kind: str
    body: str


class ActivityDialog(ModalScreen[ActivityDraft | None]):
    """Pick a kind, write the text, Ctrl+S to log; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Log it"), id="activity.save"),
        Binding("escape", "cancel", _("Cancel"), id="activity.cancel"),
    ]

    def __init__(self, kind: str = "note") -> None:
        super().__init__()
        self.initial_kind = kind if kind in KINDS else "note"

    def compose(self) -> ComposeResult:
        with Vertical(id="activity-dialog", classes="dialog"):
            yield Static(Content(_("Log an activity")), classes="dialog-title")
            with RadioSet(id="activity-kind"):
                for kind in KINDS:
                    yield RadioButton(
                        activity_label(kind), value=kind == self.initial_kind, id=f"kind-{kind}"
                    )
            yield TextArea(id="activity-body", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="activity-error", classes="field-error")
            yield Static(
                Content(_("Shift+Tab picks the kind (←/→, Enter) · Ctrl+S logs it")),
                id="activity-help",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Log it (ctrl+s)"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        """Type straight away; Tab goes back to the kind."""
        self.query_one(TextArea).focus()

    @property
    def kind(self) -> str:
        """The chosen kind."""
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "kind-note").removeprefix("kind-") if pressed else "note"

    def action_save(self) -> None:
        """Log it; a note needs some text."""
        body = self.query_one(TextArea).text.strip()
        if self.kind == "note" and not body:
            self.query_one("#activity-error", Static).update(Content(_("A note needs some text.")))
            return
        self.dismiss(ActivityDraft(self.kind, body))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Log or cancel."""
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without logging."""
        self.dismiss(None)
