r"""vCard in (2.1, 3.0 and 4.0, as phones, mail clients and CRMs write them) and vCard 3.0 out.

Cards are read line by line here rather than by vobject, which fails on what real
devices write: quoted-printable soft line breaks (vCard 2.1 from Android and Outlook),
values in a CHARSET or none, ``\:`` escapes, PROFILE/NAME/SOURCE lines (Lotus Notes),
item groups (Apple), unindented base64 photos, stray empty lines and line ends.

Imported cards become rows of a fixed header (:data:`VCARD_HEADER`), so they
go through the same validation, dedupe and accounting as CSV rows.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused
from leadtui.io.layout import Format
from leadtui.io.records import BadRecord, Preview, Record
from leadtui.io.sniff import detect_encoding, read_sample

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
_FOLD_AT = 75


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
        if current is not None and not text.strip() and _soft_break(current):
            current = current[:-1]  # a soft break before an empty line ends the value
            continue
        if not text.strip():
            base64 = False  # a vCard 2.1 base64 block ends with an empty line
            continue
        if current is not None and _soft_break(current):
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


def _soft_break(line: str) -> bool:
    """A quoted-printable value ending in ``=`` continues on the next line."""
    head, colon, value = line.partition(":")
    return bool(colon) and value.endswith("=") and "QUOTED-PRINTABLE" in head.upper()


def _split_unescaped(value: str, separator: str) -> list[str]:
    """``value`` split at each ``separator`` not escaped by a backslash."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current += [char, next(chars, "")]
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_UNESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


def unescape(value: str) -> str:
    """vCard text unescaping: ``\\n``, ``\\,``, ``\\;``, ``\\:`` and ``\\\\``."""
    if "\\" not in value:
        return value
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_UNESCAPES.get(following, "\\" + following))
        else:
            out.append(char)
    return "".join(out)


def _property(line: str, encoding: str) -> tuple[str, dict[str, str], str] | None:
    """``(NAME, parameters, decoded value)`` of one content line; ``None`` for lines a lead
    does not take. Raises :class:`_Unreadable` for a line that is no property at all."""
    head, colon, value = _split_head(line)
    if not colon:
        raise _Unreadable(_("not a vCard property: {line}").format(line=line[:60]))
    name, *params = _split_unescaped(head, ";")
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
        value = _quoted_printable(value, charset, encoding)
    elif charset and charset.casefold() != encoding.casefold():
        value = _recode(value, encoding, charset)
    return name, found, value


def _split_head(line: str) -> tuple[str, str, str]:
    """Split at the first ``:`` outside a double-quoted parameter value."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], ":", line[index + 1 :]
    return line, "", ""


def _quoted_printable(value: str, charset: str | None, encoding: str) -> str:
    """Decode a quoted-printable value: its CHARSET, else UTF-8, else cp1252."""
    import quopri

    try:
        raw = value.encode(charset or "utf-8")
    except (LookupError, UnicodeEncodeError):
        raw = value.encode(encoding, errors="replace")
    data = quopri.decodestring(raw)
    for candidate in (charset, "utf-8", "cp1252"):
        if candidate:
            try:
                return data.decode(candidate)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("latin-1")


def _recode(value: str, encoding: str, charset: str) -> str:
    """A value the file's encoding misread, read again in its own CHARSET if that works."""
    try:
        return value.encode(encoding).decode(charset)
    except (LookupError, UnicodeError):
        return value


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
        parts = [unescape(part).strip() for part in _split_unescaped(names[0][1], ";")]
        last, first = (parts + ["", ""])[:2]
    orgs = card.get("ORG", [])
    company = ""
    if orgs:
        company = unescape(_split_unescaped(orgs[0][1], ";")[0]).strip()
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
        for tag in _split_unescaped(value, ",")
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


def escape(value: str) -> str:
    """RFC 6350 text escaping: backslash, comma, semicolon, newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > _FOLD_AT:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def card_text(lead: dict[str, Any], tags: list[str]) -> str:
    """One lead as a vCard 3.0."""
    first, last = lead.get("first_name") or "", lead.get("last_name") or ""
    full = f"{first} {last}".strip() or lead.get("email") or lead.get("phone") or ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape(last)};{escape(first)};;;",
        f"FN:{escape(full)}",
    ]
    if lead.get("email"):
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(lead['email'])}")
    if lead.get("phone"):
        lines.append(f"TEL:{escape(lead['phone'])}")
    if lead.get("company"):
        lines.append(f"ORG:{escape(lead['company'])}")
    if lead.get("job_title"):
        lines.append(f"TITLE:{escape(lead['job_title'])}")
    if lead.get("website"):
        lines.append(f"URL:{escape(lead['website'])}")
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in tags))
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)
