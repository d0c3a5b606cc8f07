"""WonDialog: closing a deal asks for its value, pre-filled with the lead's."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from leadtui.domain.money import format_money
from leadtui.domain.validation import ValidationError, parse_money
from leadtui.i18n import _


class WonDialog(ModalScreen[int | None]):
    """Dismisses with the deal value in cents (Enter), or ``None`` to leave the lead open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="won.cancel"),
    ]

    def __init__(self, name: str, value_cents: int, currency: str) -> None:
        super().__init__()
        self.lead_name = name
        self.value_cents = value_cents
        self.currency = currency

    def compose(self) -> ComposeResult:
        with Vertical(id="won-dialog", classes="dialog"):
            yield Static(
                Content(_("{name} won: what is the deal worth?").format(name=self.lead_name)),
                classes="dialog-title",
            )
            yield Label(
                _("Value in {currency} (Enter saves, Esc keeps the lead open):").format(
                    currency=self.currency or "EUR"
                )
            )
            shown = format_money(self.value_cents, "").strip() if self.value_cents else ""
            yield Input(shown, id="won-value", max_length=32)
            yield Static("", id="won-error", classes="field-error")
            yield Static(
                Content(_("The follow-up is cleared: a won deal is never overdue.")),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """The value is focused, all of it selected, so typing replaces it."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Save the typed value, or say why it is not a value."""
        event.stop()
        try:
            cents = parse_money(event.value)
        except ValidationError as error:
            self.query_one("#won-error", Static).update(Content(error.message))
            return
        self.dismiss(cents)

    def action_cancel(self) -> None:
        """Leave the lead where it is."""
        self.dismiss(None)
