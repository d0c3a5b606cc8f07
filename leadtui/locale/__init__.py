"""The translator workflow on Babel: extract, update, compile and check the catalogs.

Run it as ``python -m leadtui.locale extract|update|compile|check|init LANG``:

* ``extract`` writes ``leadtui/locale/leadtui.pot`` from every ``_()``, ``N_()`` and
  ``ngettext()`` in ``leadtui/`` (sorted by message, file names without line numbers,
  so that two branches adding strings merge cleanly);
* ``update`` merges the template into every ``<lang>/LC_MESSAGES/leadtui.po``;
* ``compile`` writes the ``.mo`` files the app reads (committed, so an install has them);
* ``check`` lists untranslated, fuzzy and placeholder-mismatched messages and fails on any;
* ``init LANG`` starts a new language (no code change needed: the app finds it).

Only this package imports Babel's catalog tools; the app itself reads ``.mo`` files
with the standard library's :mod:`gettext`.
"""

from __future__ import annotations

from pathlib import Path

LOCALE_DIR = Path(__file__).parent
PACKAGE_DIR = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / "leadtui.pot"
DOMAIN = "leadtui"


def languages() -> list[str]:
    """The languages that have a catalog (``es``, ...)."""
    return sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(language: str) -> Path:
    """The ``.po`` file of ``language``."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
