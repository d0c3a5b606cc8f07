"""What the board's helpers use of the board screen, as protocols.

:class:`~leadtui.ui.screens.board_moves.BoardMoves` and
:class:`~leadtui.ui.screens.board_search.BoardSearch` are owned by the board screen;
importing the screen's class for their types would be an import cycle, so they see
it through these protocols and mypy checks each call.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from leadtui.store import LeadStore
    from leadtui.ui.widgets.stage_column import StageColumn


class BoardSearchHost(Protocol):
    """What :class:`~leadtui.ui.screens.board_search.BoardSearch` uses of the board."""

    @property
    def screen(self) -> Screen[object]:
        """The screen itself, for Textual's API (queries, mounting, timers, workers)."""
        ...

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    def reload(self, keep: int | None = None) -> None:
        """Re-read the first page of each column."""
        ...


class BoardMovesHost(BoardSearchHost, Protocol):
    """What :class:`~leadtui.ui.screens.board_moves.BoardMoves` uses of the board."""

    columns: list[StageColumn]
    current: int
    reload_on_resume: bool

    def now(self) -> datetime:
        """The injected clock's time."""
        ...

    def set_active(self, index: int) -> None:
        """Put the cursor in the column at ``index``."""
        ...

    def refresh_metrics(self) -> None:
        """Recompute the metrics panel if it is open."""
        ...
