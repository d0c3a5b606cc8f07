"""Stage moves on the board: H/L, won/lost with a reason, undo, open and new.

A move is one short store call (it writes the StageChange row); the two
columns are then adjusted in memory (card out, card in at the top, counts ±1)
and the cursor follows the card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.rows import LeadInput
from leadtui.i18n import _
from leadtui.store import MoveResult
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.widgets.stage_column import StageColumn


class BoardMoves(StoreScreen[None]):
    """The writing half of the board screen."""

    columns: list[StageColumn]
    current: int
    _reload_on_resume: bool
    _board_undo: bool = False

    def reload(self, keep: int | None = None) -> None:
        """Re-read every column (the board screen implements it)."""
        raise NotImplementedError

    def refresh_metrics(self) -> None:
        """Recompute the metrics panel if open (the board screen implements it)."""
        raise NotImplementedError

    def _set_active(self, index: int) -> None:
        raise NotImplementedError

    def push_modal(self, screen: Screen[Any], callback: Callable[[Any], None]) -> None:
        """Open a dialog; coming back from it must not reload the board."""
        self.app.push_screen(screen, callback)

    def _error(self, error: Exception) -> None:
        self.notify(str(error), severity="error", title=_("Not done"), markup=False)

    def _index_of_stage(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.state.stage.key == key), None)

    # -- moves ------------------------------------------------------------------

    def move_current(self, to_index: int, reason: str = "") -> MoveResult | None:
        """Move the focused lead to the column at ``to_index``; the cursor follows it."""
        source = self.columns[self.current]
        row = source.state.current
        if row is None or not 0 <= to_index < len(self.columns) or to_index == self.current:
            self.app.bell()
            return None
        target = self.columns[to_index]
        try:
            result = self.store.move_lead(row.id, target.state.stage.key, reason)
        except (LeadtuiError, ValueError) as error:
            self._error(error)
            return None
        if result is None:
            return None
        self._apply_move(result)
        self.lead_app.undo_history.push(
            _("Move {name} to {stage}").format(
                name=row.display_name, stage=_(target.state.stage.name)
            ),
            lambda: self._revert(result),
        )
        return result

    def _apply_move(self, result: MoveResult) -> None:
        """Card out of ``from_stage``, in at the top of ``to_stage``; counts ±1 in memory."""
        source_index = self._index_of_stage(result.from_stage)
        target_index = self._index_of_stage(result.to_stage)
        fresh = self.store.lead_row(result.lead_id)
        taken = None
        if source_index is not None:
            source = self.columns[source_index]
            position = source.state.index_of(result.lead_id)
            taken = source.state.take(result.lead_id)
            source.update_size()
            source.refresh_from(min(position or 0, source.state.cursor))
        row = fresh or taken
        if target_index is not None and row is not None:
            target = self.columns[target_index]
            target.state.arrive(row)
            target.update_size()
            if not target.collapsed:
                self._set_active(target_index)
                target.show_cursor()
            target.refresh_from(0)
        self.refresh_metrics()

    def _revert(self, result: MoveResult) -> None:
        """Undo one move in the database, then on the board."""
        self.store.undo_moves([result])
        self._board_undo = True
        self._apply_move(
            MoveResult(result.lead_id, result.change_id, result.to_stage, result.from_stage)
        )

    def action_move(self, step: int) -> None:
        """Move the focused lead one stage left or right."""
        self.move_current(self.current + step)

    def _closing_index(self, kind: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.state.stage.kind == kind), None)

    def action_won(self) -> None:
        """Mark the focused lead won (undo with u)."""
        index = self._closing_index("won")
        row = self.columns[self.current].state.current
        if index is None or row is None:
            self.app.bell()
            return
        if self.move_current(index) is not None:
            self.notify(
                _("{name} won. Press u to undo.").format(name=row.display_name),
                title=_("Won"),
                markup=False,
            )

    def action_lost(self) -> None:
        """Ask why, then mark the focused lead lost."""
        index = self._closing_index("lost")
        row = self.columns[self.current].state.current
        if index is None or row is None or index == self.current:
            self.app.bell()
            return
        try:
            from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog
        except ImportError:
            self.notify(_("The lost-reason dialog is not available yet."), severity="warning")
            return
        lead_id = row.id

        def answered(reason: str | None) -> None:
            current = self.columns[self.current].state.current
            if reason is None or current is None or current.id != lead_id:
                return
            if self.move_current(index, reason) is not None:
                self.notify(
                    _("{name} lost. Press u to undo.").format(name=row.display_name),
                    title=_("Lost"),
                    markup=False,
                )

        self.push_modal(LostReasonDialog(), answered)

    def action_undo(self) -> None:
        """Undo the last action (moves made here, or anything else in the app history)."""
        entry = self.lead_app.undo_history.pop()
        if entry is None:
            self.notify(_("Nothing to undo."))
            return
        self._board_undo = False
        try:
            entry.revert()
        except (LeadtuiError, ValueError) as error:
            self._error(error)
            return
        if not self._board_undo:
            self.reload()  # not a board move: re-read what it changed
        self.notify(_("Undone: {what}").format(what=entry.description), markup=False)

    # -- open and new ---------------------------------------------------------------

    def _neighbour(self, lead_id: int, step: int) -> int | None:
        cards = self.columns[self.current].state.cards
        index = next((i for i, r in enumerate(cards) if r.id == lead_id), None)
        if index is None or not 0 <= index + step < len(cards):
            return None
        return cards[index + step].id

    def action_open(self) -> None:
        """Open the focused lead's detail."""
        row = self.columns[self.current].state.current
        if row is None:
            self.app.bell()
            return
        try:
            from leadtui.ui.screens.lead_detail import LeadDetailScreen
        except ImportError:
            self.notify(_("The lead detail is not available yet."), severity="warning")
            return
        self._reload_on_resume = True
        self.app.push_screen(LeadDetailScreen(row.id, neighbours=self._neighbour))

    def action_new(self) -> None:
        """Add a lead straight into the focused column."""
        try:
            from leadtui.ui.screens.lead_form import LeadFormScreen
        except ImportError:
            self.notify(_("The lead form is not available yet."), severity="warning")
            return
        stage = self.columns[self.current].state.stage.key
        form = LeadFormScreen(self.store.stages())
        form.original = LeadInput(stage=stage)

        def saved(result: Any) -> None:
            lead_id = getattr(result, "lead_id", None)
            if lead_id is not None:
                self.reload(keep=lead_id)

        self.push_modal(form, saved)
