"""The import's lead fields: their labels, and the dialog that picks one for a column."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from leadtui.i18n import _
from leadtui.ui.widgets.pick_list import PickList

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
    "owner": _("Assigned to"),
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
    "answer": _("Kept in the note"),
    "ignore": _("(ignore)"),
}


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
            yield PickList(*(Option(Content(label), id=key) for key, label in FIELD_LABELS.items()))

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
