"""Run a test in another language without a subprocess: :func:`speaking`.

Many strings are translated when their module is imported (key bindings, column
titles, label dicts), so switching the catalog with ``set_language`` alone would
leave them English. :func:`speaking` switches the catalog, takes out of
``sys.modules`` every leadtui module that translates at import time and every module
that imports one of those (found from the source with ``ast``), and puts the original
module objects back afterwards. Inside the block, import what you need (``LeadApp``,
``make_app``) with :func:`fresh` so that you get the re-imported, translated ones;
stores and other objects from modules with no import-time strings stay shared.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from leadtui import i18n
from leadtui.locale import reload


def translated_modules() -> frozenset[str]:
    """The leadtui modules that must be re-imported for a new language."""
    return reload.translated_modules()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block, leadtui speaks ``language`` (re-importing what translates early)."""
    names = translated_modules()
    assert "leadtui.storage.models" not in names  # SQLModel tables cannot be defined twice
    saved = reload.forget_translated_modules()
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language(None)
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
        for name in sorted(names):
            reload.bind_module(name, saved.get(name))


def fresh(module: str, attribute: str) -> Any:
    """``from module import attribute`` as the current language sees it."""
    return getattr(importlib.import_module(module), attribute)
