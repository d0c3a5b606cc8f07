"""Command-palette entries for the funnel board's actions."""

from __future__ import annotations

from leadtui.i18n import _
from leadtui.ui.screens.action_commands import ActionCommand, ActionCommands


def board_commands() -> list[ActionCommand]:
    """(title, help, screen action) for the palette, in menu order."""
    return [
        (_("Open lead"), _("Open the focused card's lead"), "open"),
        (_("Move to next stage"), _("Move the focused lead one column right"), "move(1)"),
        (_("Move to previous stage"), _("Move the focused lead one column left"), "move(-1)"),
        (_("Mark won"), _("Move the focused lead to Won"), "won"),
        (_("Mark lost…"), _("Move the focused lead to Lost, with a reason"), "lost"),
        (_("Search board"), _("Show only cards matching a name, email or company"), "search"),
        (_("Filter board"), _("Filter cards by tag, source or follow-up"), "filter"),
        (_("New lead in this column"), _("Add a lead straight into the focused stage"), "new"),
        (_("Undo"), _("Undo the last move"), "undo"),
        (_("Collapse Won and Lost"), _("Fold or unfold the closed columns"), "collapse"),
        (_("Funnel metrics"), _("Show or hide conversion, time in stage, win rate"), "metrics"),
        (_("Import…"), _("Import leads from a file"), "app.import_file"),
        (_("Lead list"), _("Switch back to the list"), "list"),
    ]


class BoardCommands(ActionCommands):
    """Offers the board's actions."""

    def commands(self) -> list[ActionCommand]:
        """The screen's palette entries."""
        return board_commands()
