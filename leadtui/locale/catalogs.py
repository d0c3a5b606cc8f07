"""Build, merge, compile and check the message catalogs with Babel (translator tools only)."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from leadtui.locale import DOMAIN, LOCALE_DIR, PACKAGE_DIR, TEMPLATE, languages, po_path

KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
"""``_``, ``gettext``, ``ngettext``, ... and ``N_`` (marks a string translated later)."""

COMMENT_TAG = "Translators:"

PLURAL_FORMS: dict[str, tuple[int, str]] = {"es": (2, "(n != 1)")}
"""The usual gettext rule where CLDR's (Babel's default) has forms translators never use."""
WIDTH = 100


def extract() -> Catalog:
    """A template of every message in the code under ``leadtui/`` (read now, not the .pot)."""
    catalog = Catalog(project=DOMAIN, charset="utf-8", fuzzy=False)
    found = extract_from_dir(
        PACKAGE_DIR,
        method_map=[("locale/**.py", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in [*found, *_command_docstrings()]:
        catalog.add(
            message,
            None,
            [(f"leadtui/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _command_docstrings() -> list[tuple[str, int, str, list[str], str | None]]:
    """The help of each click command: its docstring, cleaned as click cleans it."""
    found: list[tuple[str, int, str, list[str], str | None]] = []
    for path in sorted((PACKAGE_DIR / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            decorators = [ast.unparse(item) for item in node.decorator_list]
            if not any(text.startswith(("click.command", "click.group")) for text in decorators):
                continue
            doc = ast.get_docstring(node, clean=True)
            if doc:
                comment = [f"Help of a command (the docstring of {node.name})."]
                found.append((f"cli/{path.name}", node.lineno, doc, comment, None))
    return found


def _write(path: Path, catalog: Catalog) -> None:
    buffer = BytesIO()
    write_po(
        buffer,
        catalog,
        width=WIDTH,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read(path: Path, locale: str | None = None) -> Catalog:
    """A ``.po`` or ``.pot`` file."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def write_template() -> int:
    """Extract into ``leadtui.pot``; returns how many messages."""
    catalog = extract()
    _write(TEMPLATE, catalog)
    return len(catalog)


def init(language: str) -> Path:
    """Start ``<language>/LC_MESSAGES/leadtui.po`` from the template."""
    path = po_path(language)
    if path.exists():
        raise FileExistsError(path)
    catalog = read(TEMPLATE, locale=language)
    catalog.locale = language
    catalog.revision_date = datetime.now().astimezone()
    catalog.fuzzy = False
    if language in PLURAL_FORMS:
        count, expression = PLURAL_FORMS[language]
        setattr(catalog, "_num_plurals", count)  # noqa: B010 - Babel has no public setter
        setattr(catalog, "_plural_expr", expression)  # noqa: B010
    _write(path, catalog)
    return path


def update(selected: Iterable[str] | None = None) -> dict[str, int]:
    """Merge the template into each catalog; returns the untranslated count per language."""
    template = read(TEMPLATE)
    counts: dict[str, int] = {}
    for language in selected or languages():
        path = po_path(language)
        catalog = read(path, locale=language)
        catalog.update(template, update_header_comment=False)
        _write(path, catalog)
        counts[language] = len(problems(catalog, template))
    return counts


def compile_all(selected: Iterable[str] | None = None) -> dict[str, int]:
    """Write every ``.mo`` next to its ``.po`` (fuzzy messages left out); count per language."""
    counts: dict[str, int] = {}
    for language in selected or languages():
        catalog = read(po_path(language), locale=language)
        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo_path(language).write_bytes(buffer.getvalue())
        counts[language] = sum(1 for message in catalog if message.id and message.string)
    return counts


def mo_path(language: str) -> Path:
    """The compiled catalog of ``language``."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read_compiled(language: str) -> Catalog:
    """The compiled ``.mo`` of ``language`` as a catalog."""
    with mo_path(language).open("rb") as handle:
        return read_mo(handle)


def fields(text: str) -> set[str]:
    """The ``{name}`` / ``{name:spec}`` fields of a format string."""
    found: set[str] = set()
    for _literal, name, spec, _conversion in string.Formatter().parse(text):
        if name is not None:
            found.add(f"{name}:{spec}" if spec else name)
    return found


def _forms(message: Message) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(str(i) for i in ids), tuple(str(s) if s else "" for s in strings)


def problems(catalog: Catalog, template: Catalog) -> list[str]:
    """Every message of ``template`` that ``catalog`` lacks, has fuzzy, or mistranslates."""
    found: list[str] = []
    plurals = catalog.num_plurals
    for source in template:
        if not source.id:
            continue
        key = source.id[0] if isinstance(source.id, tuple) else source.id
        message = catalog.get(key, context=source.context)
        if message is None:
            found.append(f"missing: {key!r}")
            continue
        if message.fuzzy:
            found.append(f"fuzzy: {key!r}")
        ids, strings = _forms(message)
        if source.pluralizable and len(strings) != plurals:
            found.append(f"needs {plurals} plural forms: {key!r}")
            continue
        if not strings or not all(strings):
            found.append(f"untranslated: {key!r}")
            continue
        for index, translated in enumerate(strings):
            original = ids[min(index, len(ids) - 1)]
            try:
                wanted, got = fields(original), fields(translated)
            except ValueError as error:
                found.append(f"bad format ({error}): {key!r} -> {translated!r}")
                continue
            if wanted != got:
                found.append(f"placeholders {sorted(got)} instead of {sorted(wanted)}: {key!r}")
    return found
