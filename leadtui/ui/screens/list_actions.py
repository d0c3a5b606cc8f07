"""The writing half of the lead list: stage moves, bulk actions, delete, undo, forms.

:class:`ListActions` is a helper the list screen owns (no inheritance). Each action is
one store call run through :func:`~leadtui.ui.writes.run_write` (off the UI thread,
after any earlier write), leaves an undo entry, shows a toast (user text passed with
``markup=False``) and asks the screen to reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from leadtui.domain.rows import LeadRow
from leadtui.domain.undo import UndoEntry
from leadtui.i18n import _, ngettext
from leadtui.ui.screens.list_bulk import BulkActions
from leadtui.ui.undo_actions import undo_last
from leadtui.ui.widgets.lead_table import LeadTable
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from leadtui.domain.closing import Step
    from leadtui.domain.rows import StageInfo
    from leadtui.store import LeadStore, MoveResult
    from leadtui.ui.screens.list_parts import ListActionsHost


def _listed(result: MoveResult | None) -> list[MoveResult]:
    return [] if result is None else [result]


class ListActions:
    """Write actions of the lead list; the screen supplies loading and the table."""

    def __init__(self, screen: ListActionsHost) -> None:
        self.screen = screen

    @property
    def table(self) -> LeadTable:
        """The lead table."""
        return self.screen.table

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        return self.screen.store

    @property
    def stage_list(self) -> list[StageInfo]:
        """The funnel stages, in order."""
        return self.screen.stage_list

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list."""
        self.screen.reload(cursor=cursor, focus_id=focus_id)

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """A notification whose text is never parsed as markup."""
        self.screen.toast(message, severity=severity)

    def targets(self) -> list[int]:
        """The marked leads, or else the one under the cursor."""
        if self.table.marked:
            return sorted(self.table.marked)
        row = self.table.current_row
        return [] if row is None else [row.id]

    def _stage_name(self, key: str) -> str:
        names = {stage.key: stage.name for stage in self.stage_list}
        return _(names.get(key, key))

    # -- one lead -------------------------------------------------------------------

    def step_stage(self, step: int) -> None:
        """Move the lead under the cursor ``step`` stages on (Won through its dialog)."""
        row = self.table.current_row
        if row is None:
            return
        from leadtui.domain.closing import stage_step  # a key's, not the first frame's

        store, stages = self.store, self.stage_list

        def work() -> tuple[Step, list[MoveResult]]:
            # The stage as the earlier writes left it (a key pressed twice moves twice).
            fresh = store.reads.lead_row(row.id)
            where = stage_step(stages, row.stage if fresh is None else fresh.stage, step)
            moving = where.action in ("move", "reopen") and where.stage is not None
            return where, store.pipeline.move_leads([row.id], where.stage or "") if moving else []

        def done(outcome: tuple[Step, list[MoveResult]]) -> None:
            where, results = outcome
            if where.action == "win":
                self.win(row)
            elif where.action == "none":
                self.toast(
                    _("{name} is already in the last stage in that direction.").format(
                        name=row.display_name
                    )
                )
            elif where.stage is not None:
                self._moved(results, where.stage, row)

        run_write(
            self.screen.screen,
            work,
            on_done=done,
            undo=lambda outcome: self._undo(outcome[1], outcome[0].stage, row),
        )

    def win(self, row: LeadRow) -> None:
        """Ask the deal's value, then mark ``row`` won (its follow-up cleared)."""
        from leadtui.ui.screens.won_dialog import WonDialog

        won = next((stage.key for stage in self.stage_list if stage.kind == "won"), None)
        if won is None:
            return
        store = self.store

        def answered(cents: int | None) -> None:
            if cents is None:
                return
            run_write(
                self.screen.screen,
                lambda: _listed(store.pipeline.move_lead(row.id, won, value_cents=cents)),
                on_done=lambda results: self._moved(results, won, row),
                undo=lambda results: self._undo(results, won, row),
            )

        self.screen.screen.app.push_screen(
            WonDialog(row.display_name, row.value_cents, row.currency), answered
        )

    def move(
        self, ids: Sequence[int], stage: str, row: LeadRow | None = None, reason: str = ""
    ) -> None:
        store = self.store
        run_write(
            self.screen.screen,
            lambda: store.pipeline.move_leads(ids, stage, reason),
            on_done=lambda results: self._moved(results, stage, row),
            undo=lambda results: self._undo(results, stage, row),
        )

    def _what(self, results: list[MoveResult], row: LeadRow | None) -> str:
        if row is not None and len(results) == 1:
            return row.display_name
        return ngettext("{n} lead", "{n} leads", len(results)).format(n=len(results))

    def _undo(
        self, results: list[MoveResult], stage: str | None, row: LeadRow | None
    ) -> UndoEntry | None:
        if not results or stage is None:
            return None
        store, what = self.store, self._what(results, row)
        return UndoEntry(
            _("move of {what} to {stage}").format(what=what, stage=self._stage_name(stage)),
            lambda: store.pipeline.undo_moves(results),
            lead_ids=frozenset(result.lead_id for result in results),
        )

    def _moved(self, results: list[MoveResult], stage: str, row: LeadRow | None) -> None:
        if not results:
            self.toast(
                _("Nothing to move: already in {stage}.").format(stage=self._stage_name(stage))
            )
            return
        what = self._what(results, row)
        self.toast(
            _("Moved {what} to {stage} (u undoes).").format(
                what=what, stage=self._stage_name(stage)
            )
        )
        self.reload()

    # -- marks and bulk (in list_bulk) ---------------------------------------------

    def move_marked(self) -> None:
        """Pick a stage for the marked leads (or the one under the cursor)."""
        BulkActions(self).move()

    def tag_marked(self) -> None:
        """Tag the marked leads (or the one under the cursor)."""
        BulkActions(self).tag()

    def delete(self) -> None:
        """Delete the marked leads (or the one under the cursor) after a confirmation."""
        BulkActions(self).delete()

    def assign(self) -> None:
        """Assign the marked leads (or the one under the cursor) to someone, or nobody."""
        from leadtui.ui.screens.assign import assign_leads

        bulk = BulkActions(self)

        def done() -> None:
            self.table.clear_marks()
            self.reload()

        assign_leads(self.screen.screen, self.store, bulk.ids, bulk.what(), done)

    def undo(self) -> None:
        """Revert the last move, edit, tag or delete."""
        undo_last(self.screen.screen, after=lambda _entry, _ok: self.reload())

    # -- forms ----------------------------------------------------------------------

    def form(self, lead_id: int | None) -> None:
        """Open the lead form: a new lead (``None``) or an edit."""
        from leadtui.ui.screens.form_save import FormResult
        from leadtui.ui.screens.lead_form import LeadFormScreen

        def done(result: FormResult | None) -> None:
            if result is None:
                return
            if result.open_id is not None:
                self.screen.open_lead(result.open_id)
            elif result.kept_theirs:
                self.reload(focus_id=result.lead_id)
            elif result.lead_id is not None:
                self.toast(
                    _("Lead saved (u undoes).")
                    if not result.created
                    else _("Lead added (u undoes).")
                )
                self.reload(focus_id=result.lead_id)

        self.screen.screen.app.push_screen(LeadFormScreen(self.stage_list, lead_id), done)
