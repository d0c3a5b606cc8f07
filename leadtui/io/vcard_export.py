"""vCard 3.0 out: one lead as a card, text escaped and lines folded as RFC 6350 asks."""

from __future__ import annotations

from typing import Any

_FOLD_AT = 75


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
