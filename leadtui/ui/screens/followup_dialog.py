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
    """The chosen follow-up; ``at=None`` clears it; ``note`` says what it is for."""

    at: datetime | None
    note: str = ""


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
        Binding("j", "move(1)", _("Down"), show=False, id="followup.down"),
        Binding("k", "move(-1)", _("Up"), show=False, id="followup.up"),
        *(
            Binding(str(n), f"pick({n - 1})", str(n), show=False, id=f"followup.pick{n}")
            for n in range(1, 7)
        ),
    ]

    def __init__(self, now: datetime, current: datetime | None) -> None:
        super().__init__()
        self.now = now
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
                options.append(Option(Content(f"{index + 1} {label}{when}"), id=f"pick-{index}"))
            yield OptionList(*options, id="followup-picks")
            yield Label(_("Or type when and what for (+3d, mon 10:00 send quote), Enter:"))
            yield Input(placeholder="+1w 10:00 …", id="followup-date", max_length=200)
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

    def _picks_focused(self) -> bool:
        return self.query_one(OptionList).has_focus

    def action_move(self, step: int) -> None:
        """j/k move in the quick picks (typed into the date field otherwise)."""
        if not self._picks_focused():
            self.query_one(Input).insert_text_at_cursor("j" if step > 0 else "k")
            return
        picks = self.query_one(OptionList)
        picks.highlighted = ((picks.highlighted or 0) + step) % len(self.picks)

    def action_pick(self, index: int) -> None:
        """A number key takes that quick pick (typed into the date field otherwise)."""
        if not self._picks_focused():
            self.query_one(Input).insert_text_at_cursor(str(index + 1))
            return
        if index < len(self.picks):
            self.dismiss(FollowUpPick(self.picks[index][1]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A typed follow-up; a bad one shows why and keeps the dialog open."""
        from leadtui.domain.followup_input import FollowUpInputError, parse_followup

        event.stop()
        note = ""
        try:
            parsed = parse_followup(event.value, self.now)
            at = None if parsed is None else parsed.at
            note = "" if parsed is None else parsed.note
        except FollowUpInputError as problem:
            try:  # the locale's own numeric form (8/12/2026 in American English)
                at = parse_followup_date(event.value)
            except ValueError:
                self.query_one("#followup-error", Static).update(Content(str(problem)))
                return
        if at is None:
            self.query_one("#followup-error", Static).update(
                Content(_('Type a date, or pick "Clear the follow-up".'))
            )
            return
        self.dismiss(FollowUpPick(at, note))

    def action_cancel(self) -> None:
        """Keep the follow-up as it is."""
        self.dismiss(None)
