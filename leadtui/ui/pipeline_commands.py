"""The palette's "Pipeline (P)" command: the stages, their order and cadences, on every view."""

from __future__ import annotations

from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from leadtui.i18n import _


def open_pipeline(app: Any) -> None:
    """Open the pipeline settings (once: not on top of themselves)."""
    from leadtui.ui.screens.pipeline_settings import PipelineScreen

    if not isinstance(app.screen, PipelineScreen):
        app.push_screen(PipelineScreen())


class PipelineCommands(Provider):
    """Pipeline settings from the palette."""

    def _entry(self) -> tuple[str, str]:
        return _("Pipeline (P)"), _("Add, rename, reorder and remove stages; their cadences")

    async def discover(self) -> Hits:
        """The command, for the empty palette."""
        title, help_text = self._entry()
        yield DiscoveryHit(title, lambda: open_pipeline(self.app), help=help_text)

    async def search(self, query: str) -> Hits:
        """The command when what was typed matches it (English "stages settings" too)."""
        matcher = self.matcher(query)
        title, help_text = self._entry()
        score = max(matcher.match(title), matcher.match(f"stages settings cadence {title}"))
        if score > 0:
            yield Hit(
                score,
                matcher.highlight(title),
                lambda: open_pipeline(self.app),
                help=help_text,
                text=title,
            )
