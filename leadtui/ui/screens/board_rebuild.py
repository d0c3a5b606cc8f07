"""The board's columns built again from the stages (after the pipeline was edited)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from textual.containers import Horizontal

from leadtui.domain.board_state import ColumnState
from leadtui.store import LeadStore
from leadtui.ui.widgets.stage_column import StageColumn


class Board(Protocol):
    """What the rebuild uses of the board screen (importing it would be a cycle)."""

    columns: list[StageColumn]
    current: int

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    def now(self) -> datetime:
        """The injected clock's time."""
        ...

    def query_one(self, selector: str, expect_type: type[Horizontal]) -> Horizontal:
        """Textual's query."""
        ...

    def reload(self, keep: int | None = None) -> None:
        """Fill the columns again."""
        ...


async def rebuild_columns(board: Board) -> None:
    """One column per stage in the new order and names, the focus kept on its stage."""
    focused = board.columns[board.current].state.stage.key if board.columns else None
    now = board.now()
    columns = [
        StageColumn(ColumnState(stage), now, id=f"column-{stage.key}")
        for stage in board.store.reads.stages()
    ]
    holder = board.query_one("#board-columns", Horizontal)
    await holder.remove_children()
    board.columns = columns
    await holder.mount_all(columns)
    keys = [column.state.stage.key for column in columns]
    board.current = keys.index(focused) if focused in keys else 0
    board.reload()
