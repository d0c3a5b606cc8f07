"""The palette's duplicate commands: "Find duplicates" (key ``D``) everywhere, and on a
lead's detail one "Unmerge" per merge into that lead (the timeline records each one)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from leadtui.i18n import _


def open_duplicates(screen: Screen[Any]) -> None:
    """Open the duplicates view: one lead's candidates from its detail, else the whole scan."""
    from leadtui.ui.screens.duplicates import DuplicatesScreen
    from leadtui.ui.screens.lead_detail import LeadDetailScreen

    if isinstance(screen, DuplicatesScreen):
        return
    lead_id = screen.lead_id if isinstance(screen, LeadDetailScreen) else None
    screen.app.push_screen(DuplicatesScreen(lead_id))


def unmerge_from_detail(screen: Screen[Any], merge_id: int, other_id: int) -> None:
    """Take a merge back from the survivor's detail; the detail shows both leads' state."""
    from leadtui.ui.screens.detail_merges import unmerge_in_detail
    from leadtui.ui.screens.lead_detail import LeadDetailScreen

    if isinstance(screen, LeadDetailScreen):
        unmerge_in_detail(screen, merge_id, other_id, screen.reload)


class DuplicatesCommands(Provider):
    """Find duplicates; on a detail, unmerge what was merged into the lead."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        from leadtui.ui.screens.lead_detail import LeadDetailScreen

        screen = self.screen
        entries: list[tuple[str, str, Callable[[], None]]] = [
            (
                _("Find duplicates (D)"),
                _("Pairs that look like one person: merge, or not"),
                partial(open_duplicates, screen),
            )
        ]
        if isinstance(screen, LeadDetailScreen):
            for merge in screen.store.merges.merges_into(screen.lead_id):
                entries.append(
                    (
                        _("Unmerge #{other} (merge {merge})").format(
                            other=merge.other_id, merge=merge.merge_id
                        ),
                        _("Both leads back as they were before the merge"),
                        partial(unmerge_from_detail, screen, merge.merge_id, merge.other_id),
                    )
                )
        return entries

    async def discover(self) -> Hits:
        """Every command, for the empty palette."""
        for title, help_text, run in self._entries():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed (English "duplicates merge unmerge" too)."""
        matcher = self.matcher(query)
        for title, help_text, run in self._entries():
            score = max(matcher.match(title), matcher.match(f"duplicates merge {title}"))
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text, text=title)
