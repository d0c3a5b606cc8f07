"""Splitting filter text into terms, with the position of every part (for error messages).

A term is ``[-]key OP value[,value…]`` or free text (a bare word or a ``"quoted text"``).
Inside quotes ``\\"`` is a quote and ``\\\\`` a backslash. Pure Python.
"""

from __future__ import annotations

import re

import msgspec

from leadtui.domain.errors import LeadtuiError
from leadtui.i18n import _

_KEY = re.compile(r"([^\W\d]+)(>=|<=|:|>|<|=)")  # letters: teléfono:600
_NEEDS_QUOTES = re.compile(r'[\s,"\\]')


class Part(msgspec.Struct, frozen=True):
    """A value (or free text) and where it stands in the text."""

    text: str
    quoted: bool
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` offsets in the text."""
        return self.start, self.end


class Token(msgspec.Struct, frozen=True):
    """One term: ``key`` is ``None`` for free text (then ``values`` holds the text)."""

    key: str | None
    op: str
    values: tuple[Part, ...]
    negated: bool
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` offsets in the text."""
        return self.start, self.end


class FilterSyntaxError(LeadtuiError):
    """A filter that cannot be read; ``start``/``end`` locate the culprit in the text."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.start = start
        self.end = max(end, start + 1)


def _quoted(text: str, at: int) -> tuple[str, int]:
    """The text of the quote opening at ``at`` and the offset after its closing quote."""
    out: list[str] = []
    index = at + 1
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in '"\\':
            out.append(text[index + 1])
            index += 2
        elif char == '"':
            return "".join(out), index + 1
        else:
            out.append(char)
            index += 1
    raise FilterSyntaxError(_("A quote is not closed."), at, len(text))


def _bare(text: str, at: int, stops: str) -> int:
    index = at
    while index < len(text) and not text[index].isspace() and text[index] not in stops:
        index += 1
    return index


def _values(text: str, at: int) -> tuple[tuple[Part, ...], int]:
    parts: list[Part] = []
    index = at
    while True:
        if index < len(text) and text[index] == '"':
            value, end = _quoted(text, index)
            parts.append(Part(value, True, index, end))
        else:
            end = _bare(text, index, ',"')
            parts.append(Part(text[index:end], False, index, end))
        index = end
        if index < len(text) and text[index] == ",":
            index += 1
            continue
        if index < len(text) and not text[index].isspace():
            raise FilterSyntaxError(_("Put a space or a comma between values."), index, index + 1)
        return tuple(parts), index


def _token(text: str, at: int) -> Token:
    negated = text[at] == "-" and at + 1 < len(text) and not text[at + 1].isspace()
    body = at + 1 if negated else at
    key = _KEY.match(text, body)
    if key is not None:
        values, end = _values(text, key.end())
        return Token(key.group(1), key.group(2), values, negated, at, end)
    if text[body] == '"':
        value, end = _quoted(text, body)
        if end < len(text) and not text[end].isspace():
            raise FilterSyntaxError(_("Put a space after a closing quote."), end, end + 1)
        return Token(None, "", (Part(value, True, body, end),), negated, at, end)
    end = _bare(text, body, "")
    return Token(None, "", (Part(text[body:end], False, body, end),), negated, at, end)


def lex(text: str) -> list[Token]:
    """Every term of ``text`` in order; raises ``FilterSyntaxError`` on a broken quote."""
    tokens: list[Token] = []
    index = 0
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        token = _token(text, index)
        tokens.append(token)
        index = token.end
    return tokens


def quote_value(value: str, *, force: bool = False) -> str:
    """``value`` as the lexer reads it back: quoted when it would otherwise split or change."""
    bare_ok = (
        value
        and not force
        and not _NEEDS_QUOTES.search(value)
        and not value.startswith("-")
        and _KEY.match(value) is None
    )
    if bare_ok:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
