"""The board's columns built again from the stages (after the pipeline was edited)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal

from leadtui.domain.board_state import ColumnState
from leadtui.ui.widgets.stage_column import StageColumn

if TYPE_CHECKING:
    from leadtui.ui.screens.funnel_board import FunnelBoardScreen


async def rebuild_columns(board: FunnelBoardScreen) -> None:
    """One column per stage in the new order and names, the focus kept on its stage."""
    focused = board.columns[board.current].state.stage.key if board.columns else None
    now = board.now()
    columns = [
        StageColumn(ColumnState(stage), now, id=f"column-{stage.key}")
        for stage in board.store.stages()
    ]
    holder = board.query_one("#board-columns", Horizontal)
    await holder.remove_children()
    board.columns = columns
    await holder.mount_all(columns)
    keys = [column.state.stage.key for column in columns]
    board.current = keys.index(focused) if focused in keys else 0
    board.reload()
