"""Gettext set-up: every user-facing string goes through ``_()``.

Source strings are English. A catalog for another language lives in
``leadtui/locale/<lang>/LC_MESSAGES/leadtui.mo``; the language comes from
``LEADTUI_LANG`` or the usual ``LANGUAGE``/``LC_ALL``/``LANG`` variables.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "leadtui"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None = None) -> None:
    """Choose the catalog; ``None`` follows the environment (English when one is missing)."""
    global _translation
    languages = [language] if language else _environment_languages()
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=languages or None, fallback=True
    )


def _environment_languages() -> list[str]:
    explicit = os.environ.get("LEADTUI_LANG")
    if explicit:
        return [explicit]
    return []  # gettext itself reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG


def _(message: str) -> str:
    """Translate ``message`` into the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on a count."""
    return _translation.ngettext(singular, plural, count)


set_language()
