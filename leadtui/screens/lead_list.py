"""The lead list (mode "leads"). Placeholder until the list screen lands (issue 3)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from leadtui.i18n import _
from leadtui.screens.base import StoreScreen


class LeadListScreen(StoreScreen[None]):
    """Shows how many leads there are."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        """Show the count."""
        from leadtui.rows import LeadFilter

        counts = self.store.count_leads(LeadFilter())
        self.query_one("#summary", Static).update(
            _("{count} leads").format(count=f"{counts.total:,}")
        )
