"""The funnel board (mode "board"). Placeholder until the board lands (issue 5)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from leadtui.screens.base import StoreScreen


class FunnelBoardScreen(StoreScreen[None]):
    """One column per stage."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="board")
        yield Footer()
