"""Stage moves on the board: H/L, won/lost with a reason, undo, open and new.

:class:`BoardMoves` is a helper the board screen owns (no inheritance). A move is
shown at once (card out, card in at the top of the target, counts ±1, the cursor
follows it) and written through :func:`~leadtui.ui.writes.run_write` in a worker, so
the next key sees the moved card even while the write waits for the database. When
the write fails the board re-reads the columns and one toast says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.screen import ModalScreen

from leadtui.domain.closing import is_closing, stage_step
from leadtui.domain.errors import LeadtuiError
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadInput, LeadRow
from leadtui.domain.undo import UndoEntry
from leadtui.i18n import _
from leadtui.store import MoveResult
from leadtui.ui.screens.board_parts import BoardMovesHost
from leadtui.ui.undo_actions import undo_last
from leadtui.ui.writes import run_write

T = TypeVar("T")


class BoardMoves:
    """The writing half of the board screen."""

    def __init__(self, board: BoardMovesHost) -> None:
        self.board = board

    def _index_of_stage(self, key: str) -> int | None:
        columns = self.board.columns
        return next((i for i, c in enumerate(columns) if c.state.stage.key == key), None)

    # -- moves ------------------------------------------------------------------

    def move_current(
        self,
        to_index: int,
        reason: str = "",
        done: tuple[str, str] | None = None,
        value_cents: int | None = None,
    ) -> bool:
        """Move the focused lead to the column at ``to_index``; the cursor follows it.

        ``done`` (a text with ``{name}``, a title) is shown once the move is saved;
        ``value_cents`` is a won deal's value.
        """
        board = self.board
        source = board.columns[board.current]
        row = source.state.current
        if row is None or not 0 <= to_index < len(board.columns) or to_index == board.current:
            board.screen.app.bell()
            return False
        stage = board.columns[to_index].state.stage
        store = board.store
        self._apply_move(row.id, source.state.stage.key, stage.key, row)

        def work() -> tuple[MoveResult | None, LeadRow | None]:
            result = store.pipeline.move_lead(row.id, stage.key, reason, value_cents=value_cents)
            return result, store.reads.lead_row(row.id)

        def saved(outcome: tuple[MoveResult | None, LeadRow | None]) -> None:
            result, fresh = outcome
            board.refresh_metrics()  # now that the move is in the database
            if result is None:
                board.reload()  # it was already there (moved elsewhere meanwhile)
                return
            if fresh is not None:
                self._refresh_card(fresh)
            if done is not None:
                board.screen.notify(
                    done[0].format(name=row.display_name), title=done[1], markup=False
                )

        def undo(outcome: tuple[MoveResult | None, LeadRow | None]) -> UndoEntry | None:
            result = outcome[0]
            if result is None:
                return None
            return UndoEntry(
                _("Move {name} to {stage}").format(name=row.display_name, stage=stage.shown_name),
                lambda: store.pipeline.undo_moves([result]),
                lambda: self._undone(result),
                lead_ids=frozenset({result.lead_id}),
            )

        def failed(_error: LeadtuiError) -> bool:
            board.reload()  # show what the database holds
            return False

        run_write(
            board.screen, work, on_done=saved, on_error=failed, undo=undo, title=_("Not done")
        )
        return True

    def _apply_move(
        self, lead_id: int, from_stage: str, to_stage: str, row: LeadRow | None = None
    ) -> None:
        """Card out of ``from_stage``, in at the top of ``to_stage``; counts ±1 in memory."""
        board = self.board
        source_index = self._index_of_stage(from_stage)
        target_index = self._index_of_stage(to_stage)
        taken = None
        if source_index is not None:
            source = board.columns[source_index]
            position = source.state.index_of(lead_id)
            taken = source.state.take(lead_id)
            source.update_size()
            source.refresh_from(min(position or 0, source.state.cursor))
        moved = row or taken or board.store.reads.lead_row(lead_id)  # a short read by key
        if target_index is not None and moved is not None:
            target = board.columns[target_index]
            target.state.arrive(replace(moved, stage=to_stage, stage_changed_at=board.now()))
            target.update_size()
            if not target.collapsed:
                board.set_active(target_index)
                target.show_cursor()
            target.refresh_from(0)

    def _undone(self, result: MoveResult) -> None:
        """The move was taken back in the database: the card goes back too."""
        self._apply_move(result.lead_id, result.to_stage, result.from_stage)
        fresh = self.board.store.reads.lead_row(result.lead_id)  # value, follow-up restored too
        if fresh is not None:
            self._refresh_card(fresh)
        self.board.refresh_metrics()

    def _refresh_card(self, fresh: LeadRow) -> None:
        index = self._index_of_stage(fresh.stage)
        if index is not None:
            column = self.board.columns[index]
            column.state.replace_row(fresh)
            column.refresh()

    def action_move(self, step: int) -> None:
        """Move the focused lead one stage left or right; Won only through its dialog."""
        board = self.board
        column = board.columns[board.current]
        if column.state.current is None:
            board.screen.app.bell()
            return
        stages = [c.state.stage for c in board.columns]
        where = stage_step(stages, column.state.stage.key, step)
        target = None if where.stage is None else self._index_of_stage(where.stage)
        if where.action == "win":
            self.action_won()
        elif where.action in ("move", "reopen") and target is not None:
            self.move_current(target)
        else:
            board.screen.app.bell()
            if is_closing(column.state.stage):
                board.screen.notify(
                    _("A closed deal is reopened with H before it moves on."), markup=False
                )

    def _closing_index(self, kind: str) -> int | None:
        columns = self.board.columns
        return next((i for i, c in enumerate(columns) if c.state.stage.kind == kind), None)

    def _closed(self) -> bool:
        """True (and the user told) when the focused lead is already won or lost."""
        board = self.board
        if is_closing(board.columns[board.current].state.stage):
            board.screen.app.bell()
            board.screen.notify(
                _("A closed deal is reopened with H before it is won or lost."), markup=False
            )
            return True
        return False

    def _close(
        self, kind: str, dialog: ModalScreen[T | None], move: Callable[[int, T], object]
    ) -> None:
        """Ask ``dialog`` about the focused open lead, then ``move(index, answer)`` it."""
        board = self.board
        index = self._closing_index(kind)
        row = board.columns[board.current].state.current
        if index is None or row is None:
            board.screen.app.bell()
            return
        if self._closed():
            return
        lead_id = row.id

        def answered(answer: T | None) -> None:
            current = board.columns[board.current].state.current
            if answer is not None and current is not None and current.id == lead_id:
                move(index, answer)

        board.screen.app.push_screen(dialog, answered)

    def action_won(self) -> None:
        """Ask the deal's value, then mark the focused lead won (undo with u)."""
        from leadtui.ui.screens.won_dialog import WonDialog

        row = self.board.columns[self.board.current].state.current
        done = (_("{name} won. Press u to undo."), _("Won"))
        name, cents, currency = (
            (row.display_name, row.value_cents, row.currency) if row else ("", 0, "")
        )

        def move(index: int, value: int) -> None:
            self.move_current(index, done=done, value_cents=value)

        self._close("won", WonDialog(name, cents, currency), move)

    def action_lost(self) -> None:
        """Ask why, then mark the focused lead lost."""
        from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog

        done = (_("{name} lost. Press u to undo."), _("Lost"))
        self._close(
            "lost", LostReasonDialog(), lambda index, reason: self.move_current(index, reason, done)
        )

    def action_undo(self) -> None:
        """Undo the last action (moves made here, or anything else in the app history)."""

        def after(entry: UndoEntry, ok: bool) -> None:
            if ok and entry.refresh is None:
                self.board.reload()  # not a board move: re-read what it changed

        undo_last(self.board.screen, after=after, title=_("Not done"))

    # -- open and new ---------------------------------------------------------------

    def _neighbour(self, lead_id: int, step: int) -> int | None:
        board = self.board
        cards: list[LeadRow] = board.columns[board.current].state.cards
        index = next((i for i, r in enumerate(cards) if r.id == lead_id), None)
        if index is None or not 0 <= index + step < len(cards):
            return None
        return cards[index + step].id

    def action_open(self) -> None:
        """Open the focused lead's detail."""
        from leadtui.ui.screens.lead_detail import LeadDetailScreen

        board = self.board
        row = board.columns[board.current].state.current
        if row is None:
            board.screen.app.bell()
            return
        board.reload_on_resume = True
        board.screen.app.push_screen(LeadDetailScreen(row.id, neighbours=self._neighbour))

    def action_new(self) -> None:
        """Add a lead straight into the focused column."""
        from leadtui.ui.screens.form_save import FormResult
        from leadtui.ui.screens.lead_form import LeadFormScreen

        board = self.board
        stage = board.columns[board.current].state.stage.key
        form = LeadFormScreen(board.store.reads.stages())
        form.original = LeadInput(stage=stage)

        def saved(result: FormResult | None) -> None:
            if result is not None and result.lead_id is not None:
                board.reload(keep=result.lead_id)

        board.screen.app.push_screen(form, saved)
