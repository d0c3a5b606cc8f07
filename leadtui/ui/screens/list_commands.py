"""Command-palette entries for every action of the lead list screen."""

from __future__ import annotations

from importlib.util import find_spec

from leadtui.i18n import _
from leadtui.ui.screens.action_commands import ActionCommand, ActionCommands


def list_commands() -> list[ActionCommand]:
    """(title, help, screen action) for the palette, in menu order."""
    commands = [
        (_("Open lead"), _("Open the lead under the cursor"), "open_lead"),
        (_("Search"), _("Search or filter as you type (stage:won tag:vip due:overdue…)"), "search"),
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
        (_("Assign…"), _("Assign the marked leads (or this one) to someone"), "assign"),
        (_("Delete"), _("Delete the marked leads (or this one), after asking"), "delete"),
        (_("Undo"), _("Undo the last move, edit or delete"), "undo"),
        (_("Board"), _("Switch to the funnel board"), "board"),
        (_("Saved views…"), _("Open a saved view, or save this filter and sort"), "views"),
        (_("Agenda"), _("Who to contact now: overdue, today, no next step, going cold"), "agenda"),
        (_("Quit"), _("Quit leadtui, after asking"), "ask_quit"),
    ]
    if find_spec("leadtui.ui.screens.import_screen") is not None:
        commands.append((_("Import…"), _("Import leads from a file"), "import_file"))
    return commands


class LeadListCommands(ActionCommands):
    """Offers the list screen's actions."""

    def commands(self) -> list[ActionCommand]:
        """The screen's palette entries."""
        return list_commands()
