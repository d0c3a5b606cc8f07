"""The palette's "Duplicates" command (key ``D``): review and merge duplicate candidates."""

from __future__ import annotations

from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from leadtui.i18n import _


def open_duplicates(screen: Screen[Any]) -> None:
    """Open the duplicates view: one lead's candidates from its detail, else the whole scan."""
    from leadtui.ui.screens.duplicates import DuplicatesScreen

    if isinstance(screen, DuplicatesScreen):
        return
    lead_id = (
        getattr(screen, "lead_id", None) if type(screen).__name__ == "LeadDetailScreen" else None
    )
    screen.app.push_screen(DuplicatesScreen(lead_id if isinstance(lead_id, int) else None))


class DuplicatesCommands(Provider):
    """One command: find duplicates."""

    def _entry(self) -> tuple[str, str]:
        return _("Find duplicates (D)"), _("Pairs that look like one person: merge, or not")

    async def discover(self) -> Hits:
        """The command, for the empty palette."""
        title, help_text = self._entry()
        yield DiscoveryHit(title, lambda: open_duplicates(self.screen), help=help_text)

    async def search(self, query: str) -> Hits:
        """The command when what was typed matches (English "duplicates" / "merge" too)."""
        matcher = self.matcher(query)
        title, help_text = self._entry()
        score = max(matcher.match(title), matcher.match("duplicates merge"))
        if score > 0:
            yield Hit(
                score,
                matcher.highlight(title),
                lambda: open_duplicates(self.screen),
                help=help_text,
            )
