"""Gettext set-up: every user-facing string goes through ``_()``.

Source strings are English. A catalog for another language lives in
``leadtui/locale/<lang>/LC_MESSAGES/leadtui.mo`` (``python -m leadtui.locale`` makes
it). The language is, in this order: ``LEADTUI_LANG``; the one chosen in the app
(``language = "es"`` in the settings file); the first of ``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG`` that is set; else English. ``es_ES.UTF-8`` finds ``es``.

Many strings are translated when their module is imported (key bindings, label
dicts), so the language is chosen here, at the import of this module, before them.

Money, numbers and dates follow the same choice: :func:`formatting_locale` is the
locale (``es_ES``) when a catalog other than English was found, ``None`` for
English, which keeps leadtui's own house style (``€2,900``, ``2026-12-07``).
"""

from __future__ import annotations

import gettext
import json
import os
from pathlib import Path
from typing import Any

DOMAIN = "leadtui"
LOCALE_DIR = Path(__file__).parent / "locale"
LANG_ENV = "LEADTUI_LANG"
SETTINGS_ENV = "LEADTUI_SETTINGS"
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_region: str | None = None


def settings_path() -> Path:
    """The user's settings file: ``LEADTUI_SETTINGS``, else ``<config dir>/settings.toml``."""
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("leadtui", appauthor=False) / "settings.toml"


def read_settings() -> dict[str, object]:
    """The settings file as a table; empty when it is missing or unreadable."""
    path = settings_path()
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def saved_language() -> str | None:
    """The language chosen in the app (the settings file), if any."""
    value = read_settings().get("language")
    return value if isinstance(value, str) and value.strip() else None


def save_language(language: str) -> Path:
    """Remember ``language`` in the settings file (other settings kept); returns its path."""
    import json

    settings = read_settings()
    settings["language"] = language
    lines = [
        f"{key} = {json.dumps(value, ensure_ascii=False)}"
        for key, value in settings.items()
        if isinstance(value, str | int | bool)
    ]
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path


def requested_languages() -> list[str]:
    """What the user asked for, most wanted first (``[]``: nothing, so English)."""
    explicit = os.environ.get(LANG_ENV)
    if explicit:
        return [explicit]
    saved = saved_language()
    if saved:
        return [saved]
    for variable in ENVIRONMENT_VARIABLES:
        value = os.environ.get(variable)
        if value:
            return [part for part in value.split(":") if part]
    return []


def _locale_name(requested: str) -> str:
    """``es_ES.UTF-8@euro`` -> ``es_ES``."""
    return requested.split(".")[0].split("@")[0].replace("-", "_")


def available_languages() -> list[str]:
    """English plus every language with a compiled catalog."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return ["en", *sorted(found - {"en"})]


def set_language(language: str | None = None) -> None:
    """Choose the catalog; ``None`` follows :func:`requested_languages` (else English).

    Strings already translated at import time stay as they were: choose the language
    before importing the modules that hold them (tests re-import them, see
    ``tests/language.py``).
    """
    global _translation, _language, _region
    requested = [_locale_name(language)] if language else requested_languages()
    requested = [_locale_name(item) for item in requested]
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=requested or ["en"], fallback=True
    )
    found = gettext.find(DOMAIN, localedir=LOCALE_DIR, languages=requested or ["en"])
    _language = Path(found).parent.parent.name if found else "en"
    _region = None
    for item in requested:
        if item.split("_")[0] in {_language.split("_")[0], "en"} and item not in {"C", "POSIX"}:
            _region = item
            break


def language() -> str:
    """The language of the catalog in use: ``en`` (none found) or e.g. ``es``."""
    return _language


def formatting_locale() -> str | None:
    """The locale money, numbers and dates follow (``es_ES``); ``None`` for English."""
    if _language == "en":
        return None
    region = _region or _language
    return region if region.split("_")[0] == _language.split("_")[0] else _language


_FORMS: dict[str, dict[str, Any] | None] = {}


def precomputed_forms(locale: str) -> dict[str, Any] | None:
    """The forms ``locale compile`` precomputed for ``locale`` (see leadtui.locale.formats).

    ``None`` when there are none: the caller formats through Babel.
    """
    if locale not in _FORMS:
        path = LOCALE_DIR / locale.split("_")[0] / "formats" / f"{locale}.json"
        try:
            _FORMS[locale] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _FORMS[locale] = None
    return _FORMS[locale]


def input_locale() -> str | None:
    """The locale whose typed dates are understood (``en_GB`` too); ``None``: ISO only."""
    if _language != "en":
        return formatting_locale()
    return _region if _region and _region.startswith("en_") else None


def _(message: str) -> str:
    """Translate ``message`` into the chosen language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (it is translated later)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on a count."""
    return _translation.ngettext(singular, plural, count)


set_language()
