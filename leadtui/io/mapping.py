"""Which column feeds which lead field: exact names per format, then keywords, then ``--map``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused
from leadtui.io.formats import IGNORE, Format, exact_field, normalize_header

FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "company",
    "job_title",
    "website",
    "source",
    "campaign",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "consent",
    "consent_at",
    "stage",
    "value",
    "value_cents",
    "currency",
    "score",
    "next_followup_at",
    "created_at",
    "tags",
    "note",
    IGNORE,
)
"""Every target a column can be mapped to (``ignore`` drops the column)."""

# Checked in order; the first rule with a matching word sequence wins. Job title and
# company come before names because "Nombre de la empresa" and "Organization Title"
# contain a name word.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("utm_source", ("utm source",)),
    ("utm_medium", ("utm medium",)),
    ("utm_campaign", ("utm campaign",)),
    ("email", ("correo", "email", "e mail", "mail")),
    ("phone", ("telefono", "phone", "movil", "mobile", "celular", "whatsapp", "tel")),
    ("job_title", ("cargo", "job title", "puesto", "position", "title", "titulo")),
    ("company", ("empresa", "company", "organization", "organizacion", "compania", "negocio")),
    ("website", ("website", "sitio web", "pagina web", "web", "url")),
    ("full_name", ("full name", "nombre completo", "nombre y apellidos", "your name", "tu nombre")),
    ("last_name", ("apellido", "apellidos", "last name", "surname", "family name", "lastname")),
    ("first_name", ("first name", "given name", "firstname", "nombre de pila")),
    ("full_name", ("name", "nombre")),
    (
        "consent",
        (
            "consent",
            "consentimiento",
            "acepto",
            "acepta",
            "privacidad",
            "privacy",
            "gdpr",
            "rgpd",
            "opt in",
        ),
    ),
    ("tags", ("tags", "etiquetas", "labels")),
    (
        "note",
        (
            "notes",
            "note",
            "notas",
            "nota",
            "comentario",
            "comentarios",
            "mensaje",
            "message",
            "comments",
        ),
    ),
    (
        "created_at",
        (
            "create date",
            "created",
            "fecha de creacion",
            "marca temporal",
            "timestamp",
            "submit date",
            "fecha de envio",
        ),
    ),
    ("value", ("value", "valor", "importe", "amount")),
    ("campaign", ("campaign", "campana")),
)


def _has_words(name: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", name) is not None


def keyword_field(header: str) -> str:
    """The field a question title or loose header names, by keywords; ``ignore`` if none."""
    name = normalize_header(header)
    if name == "nombre":
        return "first_name"
    if name in {"stage", "etapa"}:
        return "stage"
    for target, keywords in _KEYWORDS:
        if any(_has_words(name, words) for words in keywords):
            return target
    return IGNORE


def guess_mapping(fmt: Format, header: Sequence[str]) -> list[str]:
    """One field per column, in column order."""
    mapping: list[str] = []
    for cell in header:
        if not cell.strip():
            mapping.append(IGNORE)
            continue
        found = exact_field(fmt, cell)
        mapping.append(found if found is not None else keyword_field(cell))
    return mapping


def parse_overrides(items: Iterable[str]) -> dict[str, str]:
    """``["Correo=email", ...]`` as ``{"Correo": "email"}``; unknown fields are refused."""
    overrides: dict[str, str] = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column:
            raise ImportRefused(_("--map wants COLUMN=field, got {item!r}.").format(item=item))
        if target not in FIELDS:
            raise ImportRefused(
                _("Unknown field {field!r} in --map; use one of: {names}.").format(
                    field=target, names=", ".join(FIELDS)
                )
            )
        overrides[column] = target
    return overrides


def apply_overrides(
    header: Sequence[str], mapping: list[str], overrides: dict[str, str]
) -> list[str]:
    """``mapping`` with the user's choices applied; a column not in the file is refused."""
    result = list(mapping)
    names = [cell.strip() for cell in header]
    for column, target in overrides.items():
        if column in names:
            result[names.index(column)] = target
        elif column.isdigit() and 1 <= int(column) <= len(names):
            result[int(column) - 1] = target
        else:
            raise ImportRefused(
                _("--map names a column the file does not have: {column!r}.").format(column=column)
            )
    return result


def check_header(header: Sequence[str]) -> None:
    """Refuse a header with the same column name twice (which one would be meant?)."""
    seen: dict[str, int] = {}
    for index, cell in enumerate(header, start=1):
        name = cell.strip()
        if not name:
            continue
        if name.casefold() in seen:
            raise ImportRefused(
                _(
                    "Column {name!r} appears twice (columns {first} and {second}); "
                    "rename one and import again."
                ).format(name=name, first=seen[name.casefold()], second=index)
            )
        seen[name.casefold()] = index
