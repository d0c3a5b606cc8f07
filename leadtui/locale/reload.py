"""Speak another language in a running process: re-import what translates at import.

Key bindings, column titles and label dicts are translated when their module is
imported, so switching the catalog alone leaves them in the old language.
:func:`translated_modules` finds, from the source (``ast``), every leadtui module that
calls ``_()``/``ngettext()`` (or builds key bindings) outside a function, and every
module importing one of those; :func:`forget_translated_modules` takes them out of
``sys.modules`` so that the next import translates afresh. Objects made from modules
with no import-time strings (the store, its rows) stay valid across the switch. Used by
the app's "Language" command (via :mod:`leadtui.launch`) and by the tests' ``speaking``.
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from leadtui.locale import PACKAGE_DIR

KEEP = frozenset({"leadtui", "leadtui.i18n"})
"""Never re-imported: the package root and the catalog holder."""

TRANSLATING_CALLS = frozenset({"_", "ngettext", "bind", "numbered"})
"""Calls that translate (``bind``/``numbered`` make key bindings, see ``ui/keymap.py``)."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _translates_at_import(tree: ast.Module) -> bool:
    """Whether a translating call runs at import (outside any function body)."""

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
                and child.func.id in TRANSLATING_CALLS
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
    trees = {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in PACKAGE_DIR.rglob("*.py")
    }
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


def bind_module(name: str, module: ModuleType | None) -> None:
    """Set (or clear) ``name`` as an attribute of its parent package.

    ``from package import module`` takes the parent's attribute when it has one:
    unbound, the import finds the new, translated module instead of the old one.
    """
    parent_name, _dot, child = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is None:
        return
    if module is None:
        if hasattr(parent, child):
            delattr(parent, child)
    else:
        setattr(parent, child, module)


def forget_translated_modules() -> dict[str, ModuleType]:
    """Take every translated module out of ``sys.modules``; returns them (to put back)."""
    names = translated_modules()
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    for name in names:
        bind_module(name, None)
    return saved
