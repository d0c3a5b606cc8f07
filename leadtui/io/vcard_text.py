"""vCard value text: backslash escapes, quoted-printable values and CHARSET parameters.

The low-level pieces :mod:`leadtui.io.vcard` reads content lines with.
"""

from __future__ import annotations


def soft_break(line: str) -> bool:
    """A quoted-printable value ending in ``=`` continues on the next line."""
    head, colon, value = line.partition(":")
    return bool(colon) and value.endswith("=") and "QUOTED-PRINTABLE" in head.upper()


def split_unescaped(value: str, separator: str) -> list[str]:
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


def split_head(line: str) -> tuple[str, str, str]:
    """Split at the first ``:`` outside a double-quoted parameter value."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], ":", line[index + 1 :]
    return line, "", ""


def quoted_printable(value: str, charset: str | None, encoding: str) -> str:
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


def recode(value: str, encoding: str, charset: str) -> str:
    """A value the file's encoding misread, read again in its own CHARSET if that works."""
    try:
        return value.encode(encoding).decode(charset)
    except (LookupError, UnicodeError):
        return value
