"""Command-palette entries for every action of the lead detail screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from leadtui.i18n import _


def detail_commands() -> list[tuple[str, str, str]]:
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
        (_("Email the lead"), _("Open a mailto: link in the mail program"), "mail"),
        (_("Copy email"), _("Copy the email address to the clipboard"), "copy_email"),
        (_("Previous lead"), _("Show the previous lead of the list"), "neighbour(-1)"),
        (_("Next lead"), _("Show the next lead of the list"), "neighbour(1)"),
        (_("Delete lead"), _("Delete this lead, after asking"), "delete"),
        (_("Undo"), _("Undo the last change"), "undo"),
        (_("Back"), _("Back to the list or board"), "back"),
    ]


class LeadDetailCommands(Provider):
    """Offers the detail screen's actions; each runs on the screen it was opened from."""

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        """Every action, for the empty palette."""
        for title, help_text, action in detail_commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Actions whose title matches what was typed."""
        matcher = self.matcher(query)
        for title, help_text, action in detail_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action),
                          help=help_text)
