"""Remove terminal control characters and escape sequences from text.

Used on the way in (:func:`leadtui.domain.validation.clean_text`) and on the way
out (:mod:`leadtui.domain.sanitize`).
"""

from __future__ import annotations

import re

# Terminal escape sequences, removed whole so their parameters do not leak into
# the text. String sequences (OSC, DCS, SOS, PM, APC) end at BEL, ST (ESC \ or
# 0x9C), CAN or SUB, or are cancelled by the next ESC, as in a VT parser. Their
# payload excludes C1 so that a run of 8-bit introducers cannot make the
# search quadratic; an unterminated one loses only its introducer.
_ESCAPES = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x18\x1a\x1b\x80-\x9f]*+"
    r"(?:\x07|\x1b\\|\x9c|\x18|\x1a|(?=\x1b))"
    r"|(?:\x1b\[|\x9b)[0-?]*+[ -/]*+[@-~]"
    r"|\x1b(?:[ -/]*+[0-~]|[^\x00-\x1f\x7f-\x9f])?"
)


def _control_table(*, multiline: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = dict.fromkeys(range(0x20), None)
    table.update(dict.fromkeys(range(0x7F, 0xA0), None))
    # Bidi embeddings, overrides and isolates can make text display as
    # something else; the marks (LRM, RLM, ALM) cannot and are kept.
    table.update(dict.fromkeys(range(0x202A, 0x202F), None))
    table.update(dict.fromkeys(range(0x2066, 0x206A), None))
    table[ord("\n")] = "\n" if multiline else " "
    table[ord("\t")] = "    " if multiline else " "
    return table


_SINGLE_LINE = _control_table(multiline=False)
_MULTILINE = _control_table(multiline=True)


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """Remove terminal escape sequences and control characters from ``value``.

    Escape sequences (CSI, OSC, DCS, SOS, PM, APC, their 8-bit C1 forms, and
    any other ESC plus one character) go first, whole; then every C0, DEL and
    C1 character and the Unicode bidi override and isolate controls. With
    ``multiline`` newlines are kept (``\\r\\n`` and ``\\r`` become ``\\n``) and a
    tab becomes four spaces; otherwise each newline or tab becomes one space.
    Everything else is kept exactly.
    """
    if value.isprintable():
        return value
    value = _ESCAPES.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_MULTILINE if multiline else _SINGLE_LINE)


_ESCAPE_CONTROLS = dict.fromkeys((*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)))


def strip_escapes(value: str) -> str:
    """Remove terminal escape sequences, C0 (but tab and line breaks), DEL and C1 from
    ``value``; keep everything else exactly (for files, where tabs and line breaks are data)."""
    if value.isprintable():
        return value
    return _ESCAPES.sub("", value).translate(_ESCAPE_CONTROLS)
