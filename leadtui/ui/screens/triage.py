"""TriageScreen: walk an agenda section lead by lead, one key per disposition.

The lead's context is on screen (source, form message, last touches, the follow-up
and what it is for). c/e/m/n log a call, email, meeting or note (the text field opens
focused, the follow-up is pre-filled from the stage's cadence, Enter saves); f sets
the follow-up; > advances the stage (and stays, so a touch can follow); L loses the
lead with a reason; s / S snooze a day / a week; space skips. After each disposition
but the stage move the next lead comes up by itself. The queue is read a page at a
time from the section's index; leads already seen are not shown again.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Header, Static

from leadtui.domain.agenda import SECTION_TITLES, AgendaSection, split_followup_body
from leadtui.domain.rows import LeadDetail, StageInfo
from leadtui.i18n import N_, _
from leadtui.ui.keymap import bind
from leadtui.ui.screens.base import StoreScreen, survives_outage
from leadtui.ui.screens.triage_log import LogDraft, TriageLogDialog
from leadtui.ui.screens.triage_parts import context_text, proposal_text, stage_after
from leadtui.ui.writes import run_write

QUEUE_PAGE = 50
"""Leads read from the section at a time."""


class TriageScreen(StoreScreen[None]):
    """One lead of the queue with its context; dispositions move to the next one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("triage", "log_call"),
        bind("triage", "log_email", show=False),
        bind("triage", "log_meeting", show=False),
        bind("triage", "log_note", show=False),
        bind("triage", "followup"),
        bind("triage", "next_stage", "advance"),
        bind("triage", "lost"),
        bind("triage", "snooze_day", show=False),
        bind("triage", "snooze_week", show=False),
        bind("triage", "next", "skip", description=N_("Skip")),
        bind("triage", "previous", "back_one", description=N_("Previous"), show=False),
        bind("triage", "undo"),
        bind("triage", "back", show=False),
    ]

    def __init__(self, section: AgendaSection, start: int = 0, *, owner: str | None = None) -> None:
        super().__init__()
        self.section = section
        self.start = start
        self.owner = owner  # the agenda's "Mine": only this user's leads
        self.queue: list[int] = []
        self.seen: set[int] = set()
        self.position = 0
        self.done = 0
        self.detail: LeadDetail | None = None
        self.stages: list[StageInfo] = []

    @property
    def up_to_date(self) -> bool:
        """True when no write is pending (tests wait on it)."""
        return self.writes_idle

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="triage-progress")
        yield Static(id="triage-context")
        yield Footer(compact=True)  # every disposition key fits at 80 columns

    @survives_outage(first_read=True)
    def on_mount(self) -> None:
        """Read the queue's first page and show its first lead."""
        self.stages = self.store.reads.stages()
        self.queue = [
            row.lead.id
            for row in self.store.reads.agenda_page(
                self.section, self.start, QUEUE_PAGE, self.owner
            )
        ]
        self._show()

    def _refill(self) -> bool:
        """More leads from the section, skipping those seen; False when none are left."""
        fresh = [
            row.lead.id
            for row in self.store.reads.agenda_page(
                self.section, 0, QUEUE_PAGE + len(self.seen), self.owner
            )
            if row.lead.id not in self.seen and row.lead.id not in self.queue
        ]
        self.queue.extend(fresh[:QUEUE_PAGE])
        return bool(fresh)

    def _show(self) -> None:
        """Show the lead at ``position`` (or the end of the queue)."""
        progress = self.query_one("#triage-progress", Static)
        context = self.query_one("#triage-context", Static)
        title = _(SECTION_TITLES[self.section])
        if self.position >= len(self.queue) and not self._refill():
            self.detail = None
            progress.update(
                Text(_("{section}: done, {count} handled.").format(section=title, count=self.done))
            )
            context.update(Text(_("No more leads in this section. q goes back.")))
            return
        lead_id = self.queue[self.position]
        self.seen.add(lead_id)
        self.detail = self.store.reads.lead_detail(lead_id)
        progress.update(
            Text(
                _("{section} · lead {n} · {count} handled").format(
                    section=title, n=self.position + 1, count=self.done
                ),
                style="bold",
            )
        )
        if self.detail is None:
            context.update(Text(_("This lead is gone.")))
            return
        context.update(context_text(self.detail, self._stage_names(), self.now()))

    def _stage_names(self) -> dict[str, str]:
        return {stage.key: stage.shown_name for stage in self.stages}

    def _next(self) -> None:
        self.done += 1
        self.position += 1
        self._show()

    def _write(self, action: object, undo_text: str, revert: object, *, advance: bool) -> None:
        """Run one store write; its undo goes on the app's history; then next or re-read."""
        from collections.abc import Callable

        from leadtui.domain.undo import UndoEntry

        assert callable(action) and callable(revert)
        act: Callable[[], object] = action
        back: Callable[[object], object] = revert

        def step(result: object) -> UndoEntry:
            return UndoEntry(undo_text, lambda: None if back(result) else None)

        run_write(self, act, undo=step, on_done=lambda _result: None if advance else self._show())
        if advance:
            self._next()

    def action_log(self, kind: str) -> None:
        """Log a touch with its text and the next follow-up."""
        if self.detail is None:
            return
        proposal = proposal_text(self.store.agenda.cadences(), self.detail.stage)
        self.app.push_screen(
            TriageLogDialog(kind, self.detail.display_name, proposal, self.now()), self._logged
        )

    def _logged(self, draft: LogDraft | None) -> None:
        if draft is None or self.detail is None:
            return
        store, lead_id = self.store, self.detail.id
        self._write(
            lambda: store.agenda.log_touch(
                lead_id, draft.kind, draft.body, draft.followup, draft.note
            ),
            _("logged touch"),
            store.agenda.undo_touch,
            advance=True,
        )

    def action_followup(self) -> None:
        """Set the follow-up (presets by number, or a typed date), then the next lead."""
        from leadtui.ui.screens.followup_dialog import FollowUpDialog, FollowUpPick

        if self.detail is None:
            return

        def picked(pick: FollowUpPick | None) -> None:
            if pick is not None and self.detail is not None:
                self._schedule(self.detail.id, pick.at, pick.note)

        self.app.push_screen(FollowUpDialog(self.now(), self.detail.next_followup_at), picked)

    def _schedule(self, lead_id: int, at: datetime | None, note: str = "") -> None:
        store = self.store
        self._write(
            lambda: store.agenda.schedule_followup(lead_id, at, note),
            _("follow-up"),
            store.agenda.undo_followup,
            advance=True,
        )

    def action_snooze(self, days: int) -> None:
        """Push the follow-up a day (or a week) from today's 09:00 and go on."""
        from leadtui.domain.cadence import Cadence, propose_followup

        if self.detail is None:
            return
        at = propose_followup(Cadence(days, days), self.now())
        self._schedule(self.detail.id, at, split_followup_body(self._last_note())[1])

    def _last_note(self) -> str:
        assert self.detail is not None
        return next((e.body for e in self.detail.timeline if e.activity_kind == "followup"), "")

    def action_advance(self) -> None:
        """Move to the next open stage; stays on the lead so a touch can follow."""
        if self.detail is None:
            return
        target = stage_after(self.stages, self.detail.stage)
        if target is None:
            self.app.bell()
            return
        store, lead_id, version = self.store, self.detail.id, self.detail.version

        def move() -> object:
            return store.pipeline.move_lead(lead_id, target, expected_version=version)

        def revert(result: object) -> None:
            if result is not None:
                store.pipeline.undo_moves([result])  # type: ignore[list-item]

        self._write(move, _("stage move"), revert, advance=False)

    def action_lost(self) -> None:
        """Lose the lead with a reason (the follow-up is cleared), then the next lead."""
        from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog

        if self.detail is None:
            return
        lead_id, version = self.detail.id, self.detail.version
        lost = next((stage.key for stage in self.stages if stage.kind == "lost"), None)
        if lost is None:
            return

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            store = self.store
            self._write(
                lambda: store.pipeline.move_lead(lead_id, lost, reason, expected_version=version),
                _("lost"),
                lambda result: store.pipeline.undo_moves([result]) if result is not None else None,
                advance=True,
            )

        self.app.push_screen(LostReasonDialog(), answered)

    def action_skip(self) -> None:
        """Leave this lead as it is; the next one."""
        self.position += 1
        self._show()

    def action_back_one(self) -> None:
        """The previous lead of the queue."""
        if self.position > 0:
            self.position -= 1
            self._show()

    def action_undo(self) -> None:
        """Take back the last write of the app and show the lead again."""
        from leadtui.ui.undo_actions import undo_last

        undo_last(self, after=lambda _entry, _ok: self._show())

    def action_back(self) -> None:
        """Back to the agenda."""
        self.dismiss(None)
