"""A command-palette provider built from a screen's (title, help, action) list."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ActionCommand = tuple[str, str, str]
"""(title, help text, screen action), all already translated."""


class ActionCommands(Provider):
    """Offers :meth:`commands`; each runs as an action on the screen the palette opened from."""

    def commands(self) -> list[ActionCommand]:
        """The entries, in menu order (subclasses return their screen's list)."""
        raise NotImplementedError

    def _with_key(self, action: str, help_text: str) -> str:
        """The help line, led by the key that runs the same action on this screen."""
        from textual.binding import Binding

        from leadtui.ui.screen_help import key_names

        for binding in getattr(self.screen, "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.action == action:
                return f"{' / '.join(key_names(binding))} · {help_text}"
        return help_text

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        """Every action, for the empty palette."""
        for title, help_text, action in self.commands():
            yield DiscoveryHit(
                title, partial(self._run, action), help=self._with_key(action, help_text)
            )

    async def search(self, query: str) -> Hits:
        """Actions whose title matches what was typed."""
        matcher = self.matcher(query)
        for title, help_text, action in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, action),
                    help=self._with_key(action, help_text),
                )
