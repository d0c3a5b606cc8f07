"""The palette's "Scoring rules" command: the rules screen (edit, reload, rescore)."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from leadtui.i18n import _


class ScoringCommands(Provider):
    """Open the scoring rules screen."""

    def _open(self) -> None:
        from leadtui.ui.screens.scoring_rules import ScoringRulesScreen

        if not isinstance(self.app.screen, ScoringRulesScreen):
            self.app.push_screen(ScoringRulesScreen())

    async def discover(self) -> Hits:
        """The one command, for the empty palette."""
        yield DiscoveryHit(
            _("Scoring rules"), self._open, help=_("See, edit and apply the lead scoring rules")
        )

    async def search(self, query: str) -> Hits:
        """The command when what was typed matches it (English "scoring" matches too)."""
        matcher = self.matcher(query)
        title = _("Scoring rules")
        score = max(matcher.match(title), matcher.match("scoring rules"))
        if score > 0:
            yield Hit(
                score,
                matcher.highlight(title),
                self._open,
                help=_("See, edit and apply the lead scoring rules"),
            )
