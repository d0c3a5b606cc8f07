"""Names a module re-exports from another, imported when first asked for (PEP 562)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(
    namespace: dict[str, Any], source: str, names: frozenset[str]
) -> Callable[[str], object]:
    """A module ``__getattr__`` for the module whose globals are ``namespace``: each of
    ``names`` comes from module ``source``, imported on first use and then kept in
    ``namespace`` (later lookups do not come here)."""
    module = namespace["__name__"]

    def __getattr__(name: str) -> object:
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        namespace[name] = value
        return value

    return __getattr__
