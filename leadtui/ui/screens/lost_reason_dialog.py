"""LostReasonDialog: why a lead was lost, from common reasons or typed freely."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from leadtui.i18n import _
from leadtui.ui.widgets.pick_list import PickList


def common_reasons() -> list[str]:
    """The reasons offered first (translated)."""
    return [
        _("Price too high"),
        _("No budget"),
        _("Went with a competitor"),
        _("No response"),
        _("Not a fit"),
        _("Timing"),
    ]


class LostReasonDialog(ModalScreen[str | None]):
    """Dismisses with the chosen or typed reason ("" = no reason), or ``None`` to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="lost.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="lost-dialog", classes="dialog"):
            yield Static(Content(_("Why was this lead lost?")), classes="dialog-title")
            yield PickList(
                *(
                    Option(Content(reason), id=f"reason-{index}")
                    for index, reason in enumerate(common_reasons())
                ),
                id="lost-reasons",
            )
            yield Label(_("Or type a reason (Enter to save, empty for none):"))
            yield Input(
                placeholder=_("e.g. chose to do it in-house"), id="lost-text", max_length=500
            )

    def on_mount(self) -> None:
        """Start on the first common reason."""
        reasons = self.query_one(OptionList)
        reasons.highlighted = 0
        reasons.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A common reason picked with Enter or a click."""
        event.stop()
        self.dismiss(common_reasons()[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """The typed reason."""
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Leave the lead where it is."""
        self.dismiss(None)
