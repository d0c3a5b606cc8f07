"""CompactFooter: Textual's compact footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CompactFooter(Footer):
    """``Footer(compact=True)`` that skips rebuilds which would show the same keys.

    Textual's footer rebuilds all its keys on every change of the screen's bindings
    (focus moves, mounts, the screen resuming): three times before the list's first
    frame. Its keys also start without the ``-compact`` class and restyle themselves
    once mounted. Here a rebuild that would show the same keys is skipped and keys are
    born compact (their own watcher then finds nothing to change): ~15 ms less before
    the first frame, and the same keys, in the same places, in the same style.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)
        self._composed: tuple[Any, ...] | None = None

    def _shown(self) -> tuple[Any, ...]:
        """What :meth:`Footer.compose` builds the keys from (bindings, state, tooltips)."""
        active = self.screen.active_bindings
        keys = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        shown_palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        if palette is None or not shown_palette:
            return keys, None
        _node, binding, enabled, tooltip = palette
        return keys, (binding.key, binding.description, enabled, tooltip or binding.tooltip)

    def compose(self) -> ComposeResult:
        """Textual's keys, each with the compact class already set."""
        self._composed = self._shown() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would be the ones already shown."""
        if self.is_attached and self._bindings_ready and self._shown() == self._composed:
            return
        await super().recompose()
