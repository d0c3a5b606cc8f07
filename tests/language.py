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

import ast
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from leadtui import i18n

PACKAGE = Path(i18n.__file__).parent
KEEP = {"leadtui", "leadtui.i18n"}
"""Never re-imported: the package root and the catalog holder."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _translates_at_import(tree: ast.Module) -> bool:
    """Whether a ``_()``/``ngettext()`` call runs at import (outside any function body)."""

    def visit(node: ast.AST) -> bool:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                # decorators and default values run at import
                extra: list[ast.expr | None] = list(getattr(child, "decorator_list", []))
                extra += [*child.args.defaults, *child.args.kw_defaults]
                if any(visit(ast.Expression(item)) for item in extra if item is not None):
                    return True
                continue
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in {"_", "ngettext"}
            ):
                return True
            if visit(child):
                return True
        return False

    return visit(tree)


def _top_level_imports(tree: ast.Module, modules: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module in modules:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names} & modules
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names} & modules
    return found


@cache
def translated_modules() -> frozenset[str]:
    """The leadtui modules that must be re-imported for a new language."""
    trees = {_module_name(path): ast.parse(path.read_text()) for path in PACKAGE.rglob("*.py")}
    names = set(trees)
    imports = {name: _top_level_imports(tree, names) for name, tree in trees.items()}
    chosen = {name for name, tree in trees.items() if _translates_at_import(tree)}
    grown = True
    while grown:
        grown = False
        for name, used in imports.items():
            if name not in chosen and used & chosen:
                chosen.add(name)
                grown = True
    return frozenset(chosen - KEEP)


def _bind(name: str, module: ModuleType | None) -> None:
    """Set (or clear) ``name`` as an attribute of its parent package."""
    parent_name, _dot, child = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is None:
        return
    if module is None:
        if hasattr(parent, child):
            delattr(parent, child)
    else:
        setattr(parent, child, module)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block, leadtui speaks ``language`` (re-importing what translates early)."""
    names = translated_modules()
    assert "leadtui.storage.models" not in names  # SQLModel tables cannot be defined twice
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    for name in names:
        # ``from package import module`` takes the parent's attribute when it has one:
        # unbound, the import finds the new, translated module instead of the old one.
        _bind(name, None)
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language(None)
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
        for name in sorted(names):
            _bind(name, saved.get(name))


def fresh(module: str, attribute: str) -> Any:
    """``from module import attribute`` as the current language sees it."""
    return getattr(importlib.import_module(module), attribute)
