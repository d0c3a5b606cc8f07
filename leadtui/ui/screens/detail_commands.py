"""Command-palette entries for every action of the lead detail screen."""

from __future__ import annotations

from leadtui.i18n import _
from leadtui.ui.screens.action_commands import ActionCommand, ActionCommands


def detail_commands() -> list[ActionCommand]:
    """(title, help, screen action) for the palette, in menu order."""
    return [
        (_("Log activity"), _("Log a note, call, email or meeting"), "log_activity"),
        (_("Schedule follow-up"), _("Set or clear the next follow-up"), "followup"),
        (_("Edit lead"), _("Edit every field of this lead"), "edit"),
        (_("Next stage"), _("Move the lead one stage on"), "step_stage(1)"),
        (_("Previous stage"), _("Move the lead one stage back"), "step_stage(-1)"),
        (_("Mark won"), _("Move the lead to Won"), "won"),
        (_("Mark lost"), _("Move the lead to Lost, with a reason"), "lost"),
        (_("Tags…"), _("Add or remove tags"), "tags"),
        (
            _("Edit timeline entry"),
            _("Enter on the entry picked with j/k: correct its kind, date or text"),
            "edit_entry",
        ),
        (
            _("Delete timeline entry"),
            _("X on the entry picked with j/k: delete it, after asking"),
            "delete_entry",
        ),
        (_("Assign…"), _("Assign the lead to someone, or to nobody"), "assign"),
        (_("Email the lead"), _("Open a mailto: link in the mail program"), "mail"),
        (_("Copy email"), _("Copy the email address to the clipboard"), "copy_email"),
        (_("Previous lead"), _("Show the previous lead of the list"), "neighbour(-1)"),
        (_("Next lead"), _("Show the next lead of the list"), "neighbour(1)"),
        (_("Delete lead"), _("Delete this lead, after asking"), "delete"),
        (_("Undo"), _("Undo the last change"), "undo"),
        (_("Import…"), _("Import leads from a file"), "app.import_file"),
        (_("Back"), _("Back to the list or board"), "back"),
    ]


class LeadDetailCommands(ActionCommands):
    """Offers the detail screen's actions."""

    def commands(self) -> list[ActionCommand]:
        """The screen's palette entries."""
        return detail_commands()
