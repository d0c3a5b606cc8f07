"""Which column feeds which lead field: exact names per format, then keywords, then ``--map``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused
from leadtui.io.formats import exact_field
from leadtui.io.layout import ANSWER, IGNORE, Format, normalize_header

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
    ANSWER,
    "owner",
    IGNORE,
)
"""Every target a column can be mapped to (``ignore`` drops the column)."""

# Checked in order; the first rule with a matching word sequence wins. Job title and
# company come before names because "Nombre de la empresa" and "Organization Title"
# contain a name word. Names, value and stage are never guessed from a word inside a
# longer header ("Manager's Name", "Screen Name", "Custom Field 1 - Value"): see
# :data:`_WHOLE`.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("utm_source", ("utm source",)),
    ("utm_medium", ("utm medium",)),
    ("utm_campaign", ("utm campaign",)),
    ("email", ("correo", "email", "e mail", "mail")),
    ("phone", ("telefono", "phone", "movil", "mobile", "celular", "whatsapp", "tel")),
    ("job_title", ("cargo", "job title", "puesto", "position", "titulo")),
    ("company", ("empresa", "company", "organization", "organizacion", "compania", "negocio")),
    ("website", ("website", "sitio web", "pagina web", "web", "url")),
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
    ("campaign", ("campaign", "campana")),
)

_WHOLE: dict[str, str] = {
    **dict.fromkeys(
        ("first name", "firstname", "first", "given name", "nombre de pila", "fname", "nombre"),
        "first_name",
    ),
    **dict.fromkeys(
        (
            "last name",
            "lastname",
            "last",
            "surname",
            "family name",
            "lname",
            "apellido",
            "apellidos",
        ),
        "last_name",
    ),
    **dict.fromkeys(
        (
            "name",
            "full name",
            "fullname",
            "contact name",
            "contact",
            "nombre completo",
            "nombre y apellidos",
            "nombre y apellido",
            "nombre del contacto",
            "contacto",
        ),
        "full_name",
    ),
    **dict.fromkeys(("stage", "etapa", "deal stage", "fase"), "stage"),
    **dict.fromkeys(
        ("value", "valor", "importe", "amount", "deal value", "deal amount", "valor del trato"),
        "value",
    ),
    **dict.fromkeys(("currency", "moneda", "divisa", "currency code"), "currency"),
    "title": "job_title",
    "job": "job_title",
    **dict.fromkeys(
        ("owner", "assigned to", "lead owner", "propietario", "responsable", "asignado a"),
        "owner",
    ),
}
"""Headers that name a person's name, the deal value or the stage only as a whole."""

# A question asking for the person's name (forms): "What is your name?", "¿Tu nombre?".
_NAME_QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("first_name", ("first name", "given name", "nombre de pila")),
    ("last_name", ("last name", "surname", "family name", "apellido", "apellidos")),
    (
        "full_name",
        (
            "your name",
            "your full name",
            "tu nombre",
            "su nombre",
            "nombre completo",
            "full name",
            "como te llamas",
        ),
    ),
)
# Words that make a name header someone else's name or a part of it.
_NOT_THE_PERSON = (
    "manager",
    "maiden",
    "screen",
    "prefix",
    "suffix",
    "phonetic",
    "middle",
    "nick",
    "user",
    "usuario",
    "file as",
    "yomi",
    "assistant",
    "spouse",
    "company",
    "empresa",
    "campaign",
    "campana",
    "form",
    "formulario",
    "ad",
    "adset",
    "anuncio",
    "event",
    "file",
    "list",
)


def _has_words(name: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", name) is not None


def keyword_field(header: str) -> str:
    """The field a question title or loose header names, by keywords; ``ignore`` if none."""
    name = normalize_header(header)
    if name in _WHOLE:
        return _WHOLE[name]
    if re.search(r"\b\d+ (value|valor)$", name):  # Google's "IM 1 - Value", "Event 1 - Value"
        return IGNORE
    if not any(_has_words(name, word) for word in _NOT_THE_PERSON):
        for target, questions in _NAME_QUESTIONS:
            if any(_has_words(name, words) for words in questions):
                return target
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
        if found is None:
            found = keyword_field(cell) if fmt.keywords else IGNORE
            if found == IGNORE and fmt.answers:
                found = ANSWER
        mapping.append(found)
    # A bare "Title" beside a "Job Title" is the honorific (Mr., Dr.: Outlook, Thunderbird).
    bare = [i for i, cell in enumerate(header) if normalize_header(cell) in ("title", "titulo")]
    if bare and sum(1 for target in mapping if target == "job_title") > len(bare):
        for index in bare:
            mapping[index] = IGNORE
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
