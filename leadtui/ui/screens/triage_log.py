"""TriageLogDialog: one line of text and the next follow-up, saved with Enter.

The kind is chosen by the key that opened it (c call, e email, m meeting, n note), so
there is no radio set to drive. The text field has the focus; Tab goes to the
follow-up, pre-filled with the stage cadence's proposal (``+3d``), where a digit picks
a preset (1 tomorrow, 2 +3d, 3 +1w, 4 +2w, 0 clear) or anything
:func:`~leadtui.domain.followup_input.parse_followup` reads is typed, a note after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from leadtui.domain.followup_input import FollowUpInputError, parse_followup
from leadtui.i18n import _
from leadtui.store import KEEP
from leadtui.ui.widgets.timeline import absolute_time, activity_label

PRESETS = {"1": "+1d", "2": "+3d", "3": "+1w", "4": "+2w", "0": "clear"}
"""Digits the follow-up field turns into presets."""
CLEAR_WORDS = ("clear", "none", "borrar", "ninguno")


@dataclass(frozen=True, slots=True)
class LogDraft:
    """What to log: the kind, the text, the follow-up (``KEEP``, ``None`` clears) and its note."""

    kind: str
    body: str
    followup: datetime | None | str = KEEP
    note: str = ""


def read_followup(text: str, now: datetime) -> tuple[datetime | None | str, str]:
    """``(moment, note)`` from the follow-up field: presets, clear words, typed input.

    An empty field keeps the follow-up as it is. Raises ``FollowUpInputError``.
    """
    words = text.split()
    if not words:
        return KEEP, ""
    if words[0] in PRESETS:
        words[0] = PRESETS[words[0]]
    if words[0].casefold() in CLEAR_WORDS:
        return None, " ".join(words[1:])
    parsed = parse_followup(" ".join(words), now)
    assert parsed is not None
    return parsed.at, parsed.note


class TriageLogDialog(ModalScreen[LogDraft | None]):
    """Dismisses with a :class:`LogDraft`, or ``None`` when cancelled (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Log it"), id="triage_log.save"),
        Binding("escape", "cancel", _("Cancel"), id="triage_log.cancel"),
    ]

    def __init__(self, kind: str, lead_name: str, proposal: str, now: datetime) -> None:
        super().__init__()
        self.kind = kind
        self.lead_name = lead_name
        self.proposal = proposal
        self.moment = now

    def compose(self) -> ComposeResult:
        title = _("{kind} with {name}").format(kind=activity_label(self.kind), name=self.lead_name)
        with Vertical(id="triage-log", classes="dialog"):
            yield Static(Content(title), classes="dialog-title")
            yield Input(placeholder=_("What happened, in a line"), id="log-text", max_length=2000)
            yield Label(_("Next follow-up (1 tomorrow · 2 +3d · 3 +1w · 4 +2w · 0 clear):"))
            yield Input(value=self.proposal, id="log-followup", max_length=200)
            yield Static("", id="log-when")
            yield Static("", id="log-error", classes="field-error")
            yield Static(Content(_("Enter logs it · Tab: follow-up · Esc cancels")), id="log-help")

    def on_mount(self) -> None:
        """Type the text straight away."""
        self._preview(self.proposal)
        self.query_one("#log-text", Input).focus()

    def on_descendant_focus(self, event: object) -> None:
        """Entering the follow-up field selects it, so a digit or a date replaces it."""
        field = self.query_one("#log-followup", Input)
        if field.has_focus:
            field.select_all()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show when the typed follow-up falls, as it is typed."""
        if event.input.id == "log-followup":
            self._preview(event.value)

    def _preview(self, text: str) -> None:
        when, error = "", ""
        try:
            at, _note = read_followup(text, self.moment)
        except FollowUpInputError as problem:
            error = str(problem)
        else:
            if at is None:
                when = _("No follow-up.")
            elif isinstance(at, datetime):
                when = "→ " + absolute_time(at)
        self.query_one("#log-when", Static).update(Content(when))
        self.query_one("#log-error", Static).update(Content(error))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in either field logs it."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Log it; a note needs text, a follow-up must read."""
        body = self.query_one("#log-text", Input).value.strip()
        if self.kind == "note" and not body:
            self.query_one("#log-error", Static).update(Content(_("A note needs some text.")))
            return
        try:
            at, note = read_followup(self.query_one("#log-followup", Input).value, self.moment)
        except FollowUpInputError as problem:
            self.query_one("#log-error", Static).update(Content(str(problem)))
            self.query_one("#log-followup", Input).focus()
            return
        self.dismiss(LogDraft(self.kind, body, at, note))

    def action_cancel(self) -> None:
        """Close without logging."""
        self.dismiss(None)
