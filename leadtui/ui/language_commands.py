"""The palette's "Language" commands: switch the running app's language, remembered.

The choice is saved in the settings file (``language = "es"``). Many strings are
translated when their module is imported (key bindings, column titles), so the app
ends and the launcher starts it again in the new language on the same store, with the
same view and open leads (``LeadApp.switch_language``). ``LEADTUI_LANG`` still wins: when
it is set, the choice is only saved, and the notice says so in the language chosen.
"""

from __future__ import annotations

import gettext
import os
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
    return _catalog(code).gettext("Language: {name}. It applies the next time you start leadtui.")


def _catalog(code: str) -> gettext.NullTranslations:
    return gettext.translation(
        i18n.DOMAIN, localedir=i18n.LOCALE_DIR, languages=[code], fallback=True
    )


def overridden(code: str) -> str:
    """Why the app keeps its language, in the chosen language."""
    return _catalog(code).gettext("{variable} is set and wins over this choice.")


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
                (title, _("Switch leadtui to {name} now (remembered)").format(name=name), code)
            )
        return entries

    def _choose(self, code: str) -> None:
        try:
            path = i18n.save_language(code)
        except OSError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        forced = os.environ.get(i18n.LANG_ENV)
        switch = getattr(self.app, "switch_language", None)
        if forced or not callable(switch):
            message = applies_next_start(code).format(name=language_name(code))
            if forced:
                message += "\n" + overridden(code).format(variable=f"{i18n.LANG_ENV}={forced}")
            self.app.notify(f"{message}\n{path}", markup=False)
            return
        if code != i18n.language():
            switch(code)

    async def discover(self) -> Hits:
        """Every language, for the empty palette."""
        for title, help_text, code in self._entries():
            yield DiscoveryHit(title, partial(self._choose, code), help=help_text)

    async def search(self, query: str) -> Hits:
        """Languages whose entry matches what was typed ("language" and "idioma" match too)."""
        matcher = self.matcher(query)
        for title, help_text, code in self._entries():
            score = max(matcher.match(title), matcher.match(f"language idioma {code}"))
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._choose, code), help=help_text
                )
