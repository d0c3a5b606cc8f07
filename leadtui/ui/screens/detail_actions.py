"""The writing half of the lead detail: activities, follow-ups, stage moves, tags, delete.

:class:`DetailActions` is a helper the detail screen owns (no inheritance). Each write
is one store call run through :func:`~leadtui.ui.writes.run_write` (off the UI thread,
after any earlier write) with its undo step; the lead is re-read afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.text import Text

from leadtui.domain.closing import stage_step
from leadtui.domain.undo import UndoEntry
from leadtui.i18n import _
from leadtui.store import MoveResult
from leadtui.ui.screens.activity_dialog import ActivityDialog, ActivityDraft
from leadtui.ui.screens.detail_parts import DetailHost
from leadtui.ui.screens.followup_dialog import FollowUpDialog, FollowUpPick
from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog
from leadtui.ui.screens.tags_dialog import TagChanges, TagsDialog
from leadtui.ui.widgets.timeline import activity_label
from leadtui.ui.writes import run_write, writes_of

T = TypeVar("T")


def _discard(_result: object) -> None:
    """Undo steps return nothing."""


class DetailActions:
    """Write actions of the lead detail; the screen supplies the lead and re-reads it."""

    def __init__(self, host: DetailHost) -> None:
        self.host = host

    def write(
        self,
        action: Callable[[], T],
        done: Callable[[T], None] | None = None,
        undo: Callable[[T], tuple[str, Callable[[], object]] | None] | None = None,
        *,
        reread: bool = True,
    ) -> None:
        """Run one store write off the UI thread; ``done`` then runs, and the lead is re-read.

        ``undo(result)`` gives the undo step (a description, a revert); the step is
        recorded for this lead and its description names it. A failure is one toast,
        and the lead is re-read too.
        """
        lead_id = self.host.lead_id
        name = self.host.detail.display_name if self.host.detail else ""

        def finished(result: T) -> None:
            if done is not None:
                done(result)
            if reread:
                self.host.reload()

        def step(result: T) -> UndoEntry | None:
            found = None if undo is None else undo(result)
            if found is None:
                return None
            description, revert = found
            return UndoEntry(
                _("{what} ({name})").format(what=description, name=name),
                lambda: _discard(revert()),
                lead_ids=frozenset({lead_id}),
            )

        def failed(_error: object) -> bool:
            self.host.reload()
            return False

        run_write(self.host.screen, action, on_done=finished, on_error=failed, undo=step)

    def log_activity(self, kind: str = "note") -> None:
        """Log a note, call, email or meeting (the dialog starts on ``kind``)."""
        self.host.screen.app.push_screen(ActivityDialog(kind), self._log)

    def _log(self, draft: ActivityDraft | None) -> None:
        if draft is None:
            return
        store, lead_id = self.host.store, self.host.lead_id

        def logged(activity_id: int | None) -> tuple[str, Callable[[], object]] | None:
            if activity_id is None:
                return None
            return _("logged activity"), lambda: store.touches.delete_activity(activity_id)

        self.write(
            lambda: store.touches.add_activity(lead_id, draft.kind, draft.body).id,
            lambda _id: self.host.toast(
                _("{kind} logged.").format(kind=activity_label(draft.kind))
            ),
            logged,
        )

    def followup(self) -> None:
        """Schedule (or clear) the next follow-up."""
        current = self.host.detail.next_followup_at if self.host.detail else None
        self.host.screen.app.push_screen(
            FollowUpDialog(self.host.now(), current), self._set_followup
        )

    def _set_followup(self, pick: FollowUpPick | None) -> None:
        if pick is None or self.host.detail is None:
            return
        store, lead_id, before = (
            self.host.store,
            self.host.lead_id,
            self.host.detail.next_followup_at,
        )
        self.write(
            lambda: store.agenda.set_followup(lead_id, pick.at),
            lambda _previous: self.host.toast(
                _("Follow-up cleared.") if pick.at is None else _("Follow-up set.")
            ),
            lambda _previous: (_("follow-up"), lambda: store.agenda.set_followup(lead_id, before)),
        )

    def move_to(self, stage: str, reason: str = "", value_cents: int | None = None) -> None:
        """Move the lead (refused if it changed elsewhere since it was shown)."""
        if self.host.detail is None or stage == self.host.detail.stage:
            return
        store, lead_id, version = self.host.store, self.host.lead_id, self.host.detail.version

        def moved(result: MoveResult | None) -> None:
            if result is not None:
                self.host.toast(
                    _("Moved to {stage}.").format(stage=self.host.stage_names.get(stage, stage))
                )

        self.write(
            lambda: store.pipeline.move_lead(
                lead_id, stage, reason, expected_version=version, value_cents=value_cents
            ),
            moved,
            lambda result: (
                None
                if result is None
                else (
                    _("move to {stage}").format(stage=self.host.stage_names.get(stage, stage)),
                    lambda: store.pipeline.undo_moves([result]),
                )
            ),
        )

    def step_stage(self, step: int) -> None:
        """Next/previous stage in funnel order; Won only through its dialog, Lost with l."""
        # Decided when the earlier writes are done: > pressed twice moves twice.
        writes_of(self.host.screen).defer(lambda: self._step_stage(step))

    def _step_stage(self, step: int) -> None:
        detail = self.host.detail
        if detail is None:
            return
        where = stage_step(self.host.stages, detail.stage, step)
        if where.action == "move" and where.stage is not None:
            self.move_to(where.stage)
        elif where.action == "win":
            self._ask_won()
        elif where.action == "reopen" and where.stage is not None:
            reached = next(
                (
                    entry.from_stage
                    for entry in detail.timeline
                    if entry.kind == "stage"
                    and entry.to_stage == detail.stage
                    and entry.from_stage in self._open_keys()
                ),
                None,
            )
            self.move_to(reached or where.stage)
        elif detail.stage in self._open_keys():
            self.host.screen.app.bell()
        else:
            self.host.toast(_("This deal is closed; press < to reopen it."))

    def _open_keys(self) -> set[str]:
        return {stage.key for stage in self.host.stages if stage.kind not in ("won", "lost")}

    def _stage_of_kind(self, kind: str) -> str | None:
        return next((stage.key for stage in self.host.stages if stage.kind == kind), None)

    def won(self) -> None:
        """Mark the lead won, asking for the deal's value."""
        writes_of(self.host.screen).defer(self._ask_won)

    def _closable(self, kind: str, refused: str) -> str | None:
        """The stage of ``kind`` to close the lead in, or ``None`` (told why if closed)."""
        stage, detail = self._stage_of_kind(kind), self.host.detail
        if stage is None or detail is None or detail.stage == stage:
            return None
        if detail.stage not in self._open_keys():
            self.host.toast(refused)
            return None
        return stage

    def _ask_won(self) -> None:
        from leadtui.ui.screens.won_dialog import WonDialog

        won = self._closable("won", _("A lost deal is reopened with < before it can be won."))
        detail = self.host.detail
        if won is None or detail is None:
            return
        self.host.screen.app.push_screen(
            WonDialog(detail.display_name, detail.value_cents, detail.currency),
            lambda cents: None if cents is None else self.move_to(won, value_cents=cents),
        )

    def lost(self) -> None:
        """Mark the lead lost, asking why."""
        lost = self._closable("lost", _("A won deal is reopened with < before it can be lost."))
        if lost is None:
            return
        self.host.screen.app.push_screen(
            LostReasonDialog(),
            lambda reason: None if reason is None else self.move_to(lost, reason),
        )

    def tags(self) -> None:
        """Add or remove tags."""
        if self.host.detail is None:
            return
        dialog = TagsDialog(list(self.host.detail.tags), self.host.store.reads.all_tags())
        self.host.screen.app.push_screen(dialog, self._retag)

    def _retag(self, changes: TagChanges | None) -> None:
        if changes is None:
            return
        store, lead_id = self.host.store, self.host.lead_id
        self.write(
            lambda: store.touches.retag_lead(lead_id, changes.add, changes.remove),
            lambda _done: self.host.toast(_("Tags updated.")),
            lambda done: (
                _("tags"),
                lambda: store.touches.retag_lead(lead_id, done[1], done[0], drop_unused=True),
            ),
        )

    def delete(self) -> None:
        """Soft-delete the lead after a confirmation; u brings it back."""
        from leadtui.ui.screens.confirm import ConfirmScreen

        if self.host.detail is None:
            return
        body = Text(
            _("Delete {name}? You can undo this with u.").format(name=self.host.detail.display_name)
        )
        self.host.screen.app.push_screen(
            ConfirmScreen(_("Delete lead"), body, _("Delete")), self._delete
        )

    def _delete(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        store, lead_id = self.host.store, self.host.lead_id

        def deleted(ids: list[int]) -> None:
            if ids:
                self.host.toast(_("Lead deleted. Press u to undo."))
                self.host.screen.dismiss(None)

        def undo(ids: list[int]) -> tuple[str, Callable[[], object]] | None:
            return (_("delete"), lambda: store.leads.restore_leads(ids)) if ids else None

        self.write(lambda: list(store.leads.delete_leads([lead_id])), deleted, undo, reread=False)
