"""vCard in (2.1, 3.0 and 4.0, parsed by vobject card by card) and vCard 3.0 out.

Imported cards become rows of a fixed header (:data:`VCARD_HEADER`), so they
go through the same validation, dedupe and accounting as CSV rows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leadtui.i18n import _
from leadtui.io.formats import Format
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
    return Preview(path, VCARD, encoding, "", VCARD_HEADER, list(VCARD_HEADER), sample)


def _cards(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """``(first line, text)`` of each BEGIN:VCARD … END:VCARD block."""
    lines: list[str] = []
    start = 0
    with io.TextIOWrapper(path.open("rb"), encoding=encoding, newline=None) as handle:
        for number, line in enumerate(handle, start=1):
            upper = line.strip().upper()
            if upper == "BEGIN:VCARD":
                lines, start = [], number
            lines.append(line.rstrip("\r\n").lstrip("\ufeff"))
            if upper == "END:VCARD" and start:
                yield start, "\r\n".join(lines) + "\r\n"
                lines, start = [], 0


def vcard_records(path: Path, encoding: str) -> Iterator[Record]:
    """One row per card, in :data:`VCARD_HEADER` order; a card that cannot be parsed
    becomes a :class:`BadRecord` (rejected with its reason)."""
    import vobject

    for row, (line, text) in enumerate(_cards(path, encoding), start=1):
        try:
            card = vobject.readOne(text)
            yield row, line, _cells(card)
        except Exception as error:  # vobject raises many kinds on malformed input
            yield (
                row,
                line,
                BadRecord(
                    _("not a readable vCard: {reason}").format(
                        reason=str(error).strip() or type(error).__name__
                    )
                ),
            )


def _values(card: Any, name: str) -> list[Any]:
    return [child.value for child in card.getChildren() if child.name == name]


def _cells(card: Any) -> list[str]:
    first = last = ""
    for name in _values(card, "N"):
        first, last = _text(name.given), _text(name.family)
        break
    # FN only when there is no N: our own cards carry N even for a person without a name.
    full = "" if _values(card, "N") else next(iter(_values(card, "FN")), "")
    emails = [str(value).strip() for value in _values(card, "EMAIL") if str(value).strip()]
    phones = [str(value).strip().removeprefix("tel:") for value in _values(card, "TEL")]
    orgs = _values(card, "ORG")
    company = _text(orgs[0][0] if orgs and isinstance(orgs[0], list) else (orgs or [""])[0])
    title = next(iter(_values(card, "TITLE")), "")
    url = next(iter(_values(card, "URL")), "")
    notes = "\n\n".join(str(note) for note in _values(card, "NOTE"))
    tags = [
        str(tag)
        for value in _values(card, "CATEGORIES")
        for tag in (value if isinstance(value, list) else [value])
    ]
    return [
        first,
        last,
        str(full),
        " ::: ".join(emails),
        " ::: ".join(p for p in phones if p),
        company,
        str(title),
        str(url),
        notes,
        json.dumps(tags, ensure_ascii=False),
    ]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(part) for part in value)
    return str(value or "")


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
