"""Command-palette entries for every action of the lead list screen."""

from __future__ import annotations

from functools import partial
from importlib.util import find_spec

from textual.command import DiscoveryHit, Hit, Hits, Provider

from leadtui.i18n import _


def list_commands() -> list[tuple[str, str, str]]:
    """(title, help, screen action) for the palette, in menu order."""
    commands = [
        (_("Open lead"), _("Open the lead under the cursor"), "open_lead"),
        (_("Search"), _("Search names, emails and companies as you type"), "search"),
        (_("Filter"), _("Filter by stage, source, tag and follow-up"), "filter"),
        (_("Clear filter and search"), _("Show every lead again"), "clear_filter"),
        (_("Sort by next column"), _("Cycle the sort column"), "cycle_sort"),
        (_("Reverse sort"), _("Flip the sort direction"), "reverse_sort"),
        (_("New lead"), _("Add a lead with the form"), "new_lead"),
        (_("Edit lead"), _("Edit the lead under the cursor"), "edit_lead"),
        (_("Next stage"), _("Move the lead to the next stage"), "next_stage"),
        (_("Previous stage"), _("Move the lead to the previous stage"), "previous_stage"),
        (_("Mark row"), _("Mark or unmark the lead under the cursor"), "mark"),
        (_("Clear marks"), _("Unmark every lead"), "clear_marks"),
        (_("Move to stage…"), _("Move the marked leads (or this one) to a stage"), "move_marked"),
        (_("Tag…"), _("Tag the marked leads (or this one)"), "tag_marked"),
        (_("Delete"), _("Delete the marked leads (or this one), after asking"), "delete"),
        (_("Undo"), _("Undo the last move, edit or delete"), "undo"),
        (_("Board"), _("Switch to the funnel board"), "board"),
    ]
    if find_spec("leadtui.screens.import_screen") is not None:
        commands.append((_("Import…"), _("Import leads from a file"), "import_file"))
    return commands


class LeadListCommands(Provider):
    """Offers the list screen's actions; each runs on the screen it was opened from."""

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        """Every action, for the empty palette."""
        for title, help_text, action in list_commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Actions whose title matches what was typed."""
        matcher = self.matcher(query)
        for title, help_text, action in list_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action),
                          help=help_text)
