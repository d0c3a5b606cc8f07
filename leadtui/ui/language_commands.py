"""The palette's "Language" commands: choose the app's language, remembered for next time.

Many strings are translated when their module is imported (key bindings, column
titles), so a running app cannot switch all of them; the choice is saved in the
settings file (``language = "es"``) and applies the next time leadtui starts. The
notice says so in the language chosen.
"""

from __future__ import annotations

import gettext
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from leadtui import i18n
from leadtui.i18n import _


def language_name(code: str) -> str:
    """A language's own name: "English", "Español"."""
    from babel import Locale

    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def applies_next_start(code: str) -> str:
    """The notice, in the chosen language (read from its catalog, not the one in use)."""
    catalog = gettext.translation(
        i18n.DOMAIN, localedir=i18n.LOCALE_DIR, languages=[code], fallback=True
    )
    return catalog.gettext("Language: {name}. It applies the next time you start leadtui.")


class LanguageCommands(Provider):
    """One command per available language."""

    def _entries(self) -> list[tuple[str, str, str]]:
        current = i18n.language()
        entries = []
        for code in i18n.available_languages():
            name = language_name(code)
            title = _("Language: {name}").format(name=name)
            if code == current:
                title += " ✓"
            entries.append(
                (title, _("Use leadtui in {name} from the next start").format(name=name), code)
            )
        return entries

    def _choose(self, code: str) -> None:
        try:
            path = i18n.save_language(code)
        except OSError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        message = applies_next_start(code).format(name=language_name(code))
        self.app.notify(f"{message}\n{path}", markup=False)

    async def discover(self) -> Hits:
        """Every language, for the empty palette."""
        for title, help_text, code in self._entries():
            yield DiscoveryHit(title, partial(self._choose, code), help=help_text)

    async def search(self, query: str) -> Hits:
        """Languages whose entry matches what was typed (English "language" matches too)."""
        matcher = self.matcher(query)
        for title, help_text, code in self._entries():
            score = max(matcher.match(title), matcher.match(f"language {code}"))
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._choose, code), help=help_text
                )
