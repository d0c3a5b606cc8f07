"""FollowUpDialog: schedule the next touch (quick picks or a typed date) or clear it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from leadtui.domain.formatting import FOLLOWUP_HOUR, parse_followup_date, weekday_date
from leadtui.i18n import _
from leadtui.ui.widgets.timeline import absolute_time


@dataclass(frozen=True, slots=True)
class FollowUpPick:
    """The chosen follow-up; ``at=None`` clears it."""

    at: datetime | None


def quick_picks(now: datetime) -> list[tuple[str, datetime | None]]:
    """(label, moment) for today, +1d, +3d, +1w, +2w (09:00 local) and "clear"."""
    today = now.astimezone().date()

    def day(offset: int) -> datetime:
        return datetime.combine(today + timedelta(days=offset), time(FOLLOWUP_HOUR)).astimezone()

    return [
        (_("Today"), day(0)),
        (_("Tomorrow (+1 day)"), day(1)),
        (_("In 3 days"), day(3)),
        (_("In 1 week"), day(7)),
        (_("In 2 weeks"), day(14)),
        (_("Clear the follow-up"), None),
    ]


class FollowUpDialog(ModalScreen[FollowUpPick | None]):
    """Dismisses with a :class:`FollowUpPick`, or ``None`` when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="followup.cancel"),
    ]

    def __init__(self, now: datetime, current: datetime | None) -> None:
        super().__init__()
        self.picks = quick_picks(now)
        self.current = current

    def compose(self) -> ComposeResult:
        current = absolute_time(self.current) if self.current is not None else _("none")
        with Vertical(id="followup-dialog", classes="dialog"):
            yield Static(Content(_("Next follow-up")), classes="dialog-title")
            yield Static(
                Content(_("Now: {current}").format(current=current)), id="followup-current"
            )
            options = []
            for index, (label, at) in enumerate(self.picks):
                when = f"  {weekday_date(at.astimezone().date())}" if at is not None else ""
                options.append(Option(Content(label + when), id=f"pick-{index}"))
            yield OptionList(*options, id="followup-picks")
            yield Label(_("Or type a date (YYYY-MM-DD) and press Enter:"))
            yield Input(placeholder="YYYY-MM-DD", id="followup-date", max_length=10)
            yield Static("", id="followup-error", classes="field-error")

    def on_mount(self) -> None:
        """Start on "Today"."""
        picks = self.query_one(OptionList)
        picks.highlighted = 0
        picks.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A quick pick."""
        event.stop()
        self.dismiss(FollowUpPick(self.picks[event.option_index][1]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A typed date; a bad one shows why and keeps the dialog open."""
        event.stop()
        try:
            at = parse_followup_date(event.value)
        except ValueError as error:
            self.query_one("#followup-error", Static).update(Content(str(error)))
            return
        if at is None:
            self.query_one("#followup-error", Static).update(
                Content(_('Type a date, or pick "Clear the follow-up".'))
            )
            return
        self.dismiss(FollowUpPick(at))

    def action_cancel(self) -> None:
        """Keep the follow-up as it is."""
        self.dismiss(None)
