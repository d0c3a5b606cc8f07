r"""vCard in: 2.1, 3.0 and 4.0, as phones, mail clients and CRMs write them.

Cards are read line by line here rather than by vobject, which fails on what real
devices write: quoted-printable soft line breaks (vCard 2.1 from Android and Outlook),
values in a CHARSET or none, ``\:`` escapes, PROFILE/NAME/SOURCE lines (Lotus Notes),
item groups (Apple), unindented base64 photos, stray empty lines and line ends.

Imported cards become rows of a fixed header (:data:`VCARD_HEADER`), so they
go through the same validation, dedupe and accounting as CSV rows. Writing
vCards is :mod:`leadtui.io.vcard_export`.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused
from leadtui.io.layout import Format
from leadtui.io.records import BadRecord, Preview, Record
from leadtui.io.sniff import detect_encoding, read_sample
from leadtui.io.vcard_text import (
    quoted_printable,
    recode,
    soft_break,
    split_head,
    split_unescaped,
    unescape,
)

VCARD_HEADER = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "company",
    "job_title",
    "website",
    "note",
    "tags",
)
VCARD = Format("vcard", _("vCard"), multi_values=True)


def vcard_preview(path: Path, *, encoding: str | None = None) -> Preview:
    """A preview of a vCard file (its fields map one to one)."""
    encoding = encoding or detect_encoding(read_sample(path))
    sample = []
    for _row, _line, cells in vcard_records(path, encoding):
        sample.append(list(cells))
        if len(sample) >= 5:
            break
    if not sample:
        raise ImportRefused(
            _("No vCard found in {file} (no BEGIN:VCARD line in {encoding}).").format(
                file=path.name, encoding=encoding
            )
        )
    return Preview(path, VCARD, encoding, "", VCARD_HEADER, list(VCARD_HEADER), sample)


class _Unreadable(Exception):
    """A card that cannot be read (the message says why)."""


_PROPERTIES = frozenset({"N", "FN", "ORG", "EMAIL", "TEL", "TITLE", "URL", "NOTE", "CATEGORIES"})
"""The properties a lead takes; every other line (PHOTO, PROFILE, NAME, SOURCE, X-…) is skipped."""
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_TEL_EXTENSION = re.compile(r";\s*ext=([^;]*)", re.IGNORECASE)


def _cards(path: Path, encoding: str) -> Iterator[tuple[int, list[tuple[int, str]] | str]]:
    """``(first line, lines)`` of each BEGIN:VCARD … END:VCARD block, each line with its
    number; ``(first line, reason)`` for a block that never ends."""
    lines: list[tuple[int, str]] = []
    start = 0
    with io.TextIOWrapper(path.open("rb"), encoding=encoding, newline=None) as handle:
        for number, line in enumerate(handle, start=1):
            text = line.rstrip("\r\n").lstrip("\ufeff")
            upper = text.strip().upper()
            if upper == "BEGIN:VCARD":
                if start:
                    yield start, _("the card has no END:VCARD before the next card")
                lines, start = [], number
                continue
            if not start:
                continue  # text between cards
            if upper == "END:VCARD":
                yield start, lines
                lines, start = [], 0
                continue
            lines.append((number, text))
    if start:
        yield start, _("the file ends inside this card (no END:VCARD)")


def _logical_lines(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Unfold content lines: folded lines, quoted-printable soft breaks, base64 blocks."""
    current: str | None = None
    at = 0
    base64 = False
    for number, text in lines:
        if current is not None and not text.strip() and soft_break(current):
            current = current[:-1]  # a soft break before an empty line ends the value
            continue
        if not text.strip():
            base64 = False  # a vCard 2.1 base64 block ends with an empty line
            continue
        if current is not None and soft_break(current):
            current = current[:-1] + text
            continue
        if current is not None and text[:1] in (" ", "\t"):
            current += text[1:]
            continue
        if base64 and ":" not in text and _BASE64_LINE.fullmatch(text.strip()):
            continue  # an unindented line of a photo: skipped, never decoded
        if current is not None:
            yield at, current
        current, at = text, number
        head = text.partition(":")[0].upper()
        base64 = "BASE64" in head or "ENCODING=B" in head
    if current is not None:
        yield at, current


def _property(line: str, encoding: str) -> tuple[str, dict[str, str], str] | None:
    """``(NAME, parameters, decoded value)`` of one content line; ``None`` for lines a lead
    does not take. Raises :class:`_Unreadable` for a line that is no property at all."""
    head, colon, value = split_head(line)
    if not colon:
        raise _Unreadable(_("not a vCard property: {line}").format(line=line[:60]))
    name, *params = split_unescaped(head, ";")
    name = name.rpartition(".")[2].strip().upper()  # item1.EMAIL → EMAIL
    if name not in _PROPERTIES:
        return None
    found: dict[str, str] = {}
    for param in params:
        key, equals, param_value = param.partition("=")
        if equals:
            found[key.strip().upper()] = param_value.strip().strip('"')
        else:  # vCard 2.1 bare parameters: WORK, QUOTED-PRINTABLE, BASE64
            found.setdefault("TYPE", param.strip())
            if param.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT"):
                found["ENCODING"] = param.strip()
    charset = found.get("CHARSET")
    if found.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
        value = quoted_printable(value, charset, encoding)
    elif charset and charset.casefold() != encoding.casefold():
        value = recode(value, encoding, charset)
    return name, found, value


def vcard_records(path: Path, encoding: str) -> Iterator[Record]:
    """One row per card, in :data:`VCARD_HEADER` order; a card that cannot be read
    becomes a :class:`BadRecord` (rejected with its reason and line number)."""
    for row, (line, lines) in enumerate(_cards(path, encoding), start=1):
        if isinstance(lines, str):
            yield row, line, BadRecord(_("not a readable vCard: {reason}").format(reason=lines))
            continue
        try:
            properties: dict[str, list[tuple[dict[str, str], str]]] = {}
            for at, text in _logical_lines(lines):
                try:
                    found = _property(text, encoding)
                except _Unreadable as error:
                    raise _Unreadable(
                        _("line {line}: {reason}").format(line=at, reason=error)
                    ) from error
                if found is not None:
                    properties.setdefault(found[0], []).append((found[1], found[2]))
            yield row, line, _cells(properties)
        except _Unreadable as error:
            yield (
                row,
                line,
                BadRecord(_("not a readable vCard: {reason}").format(reason=str(error))),
            )


def _cells(card: dict[str, list[tuple[dict[str, str], str]]]) -> list[str]:
    def texts(name: str) -> list[str]:
        return [unescape(value).strip() for _params, value in card.get(name, [])]

    first = last = full = ""
    names = card.get("N", [])
    if names:
        parts = [unescape(part).strip() for part in split_unescaped(names[0][1], ";")]
        last, first = (parts + ["", ""])[:2]
    orgs = card.get("ORG", [])
    company = ""
    if orgs:
        company = unescape(split_unescaped(orgs[0][1], ";")[0]).strip()
    emails = [text.removeprefix("mailto:") for text in texts("EMAIL") if text]
    phones = [_phone(value) for _params, value in card.get("TEL", [])]
    if not (first or last):
        full = next((text for text in texts("FN") if text), "")
        if full in emails or full in phones:  # our own export names a nameless lead so
            full = ""
        if not full or full == company:  # a company's card: the lead is named by it
            first, full = full or company, ""
    tags = [
        unescape(tag).strip()
        for _params, value in card.get("CATEGORIES", [])
        for tag in split_unescaped(value, ",")
        if tag.strip()
    ]
    return [
        first,
        last,
        full,
        " ::: ".join(emails),
        " ::: ".join(p for p in phones if p),
        company,
        next(iter(texts("TITLE")), ""),
        next(iter(texts("URL")), ""),
        "\n\n".join(text for text in texts("NOTE") if text),
        json.dumps(tags, ensure_ascii=False),
    ]


def _phone(value: str) -> str:
    """A TEL value as a dialable number: ``tel:+1-555;ext=5`` → ``+1-555 ext. 5``."""
    text = unescape(value).strip()
    if text[:4].lower() == "tel:":
        text = text[4:]
        extension = _TEL_EXTENSION.search(text)
        number = text.partition(";")[0]
        return f"{number} ext. {extension.group(1)}" if extension else number
    return text
