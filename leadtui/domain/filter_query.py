"""The filter language typed in the search box and the CLI: parse, check and render.

``stage:qualified,proposal source:event tag:feria-2026 -tag:cliente due:overdue,today
score>40 created>=2026-11-01 company:acme phone:600 note:budget owner:me "free text" ana``

A query is a list of terms that must all hold. ``key:a,b`` matches any of the values;
a leading ``-`` negates a key term. ``score`` and ``created`` compare with ``> >= < <= =``
(``:`` means ``=``). ``owner:me`` is the current user, ``owner:none`` a lead assigned to
nobody. Plain words (quoted or not) search names, emails and companies as
before, and also tags, sources and phone digits. Pure Python: no SQL, no I/O; the storage
layer turns a :class:`FilterQuery` into SQL with bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from enum import StrEnum

import msgspec

from leadtui.domain.enums import LeadSource
from leadtui.domain.filter_query_es import english_key, english_value, shown_key, shown_value
from leadtui.domain.filter_query_lexer import FilterSyntaxError as FilterSyntaxError
from leadtui.domain.filter_query_lexer import Part, Token, lex, quote_value
from leadtui.domain.team import ME, NOBODY
from leadtui.i18n import _


class Key(StrEnum):
    """The keys a term may name."""

    STAGE = "stage"
    SOURCE = "source"
    TAG = "tag"
    DUE = "due"
    COMPANY = "company"
    PHONE = "phone"
    NOTE = "note"
    SCORE = "score"
    CREATED = "created"
    OWNER = "owner"


MATCH_KEYS = (
    Key.STAGE,
    Key.SOURCE,
    Key.TAG,
    Key.DUE,
    Key.COMPANY,
    Key.PHONE,
    Key.NOTE,
    Key.OWNER,
)
"""Keys written ``key:value[,value…]``."""
COMPARE_KEYS = (Key.SCORE, Key.CREATED)
"""Keys written ``key>value`` (and ``>= < <= = :``)."""


class Op(StrEnum):
    """A comparison of a ``score`` or ``created`` term."""

    EQ = "="
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


class Due(StrEnum):
    """The values of ``due:``."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    NONE = "none"


_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text: str) -> tuple[str, ...]:
    """The searchable words of free text (the tokens the full-text index knows)."""
    return tuple(_WORD.findall(text))


class Match(msgspec.Struct, frozen=True):
    """``key:v1,v2``: the lead's ``key`` is any of the values (``negated``: none of them)."""

    key: Key
    values: tuple[str, ...]
    negated: bool = False


class Compare(msgspec.Struct, frozen=True):
    """``score>40`` or ``created<=2026-11-01`` (``negated``: the comparison does not hold)."""

    key: Key
    op: Op
    value: int | date
    negated: bool = False


class Text(msgspec.Struct, frozen=True):
    """Free text: every word must match a name, email, company, tag, source or phone."""

    text: str
    quoted: bool = False
    """Typed in quotes; how it was written, not what it means, so not compared."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    @property
    def words(self) -> tuple[str, ...]:
        """The searchable words of this text."""
        return words_of(self.text)


Term = Match | Compare | Text


class FilterQuery(msgspec.Struct, frozen=True):
    """A parsed filter: every term must hold. The empty query matches every lead."""

    terms: tuple[Term, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """Every free-text word, in order."""
        return tuple(word for term in self.terms if isinstance(term, Text) for word in term.words)

    @property
    def is_empty(self) -> bool:
        """True when the query narrows nothing."""
        return not self.terms


class Vocabulary(msgspec.Struct, frozen=True):
    """The values the parser accepts and Tab completes (stages come from the database)."""

    stages: tuple[str, ...] = ("new", "contacted", "qualified", "proposal", "won", "lost")
    sources: tuple[str, ...] = msgspec.field(default_factory=lambda: _default_sources())
    tags: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    """The owners leads have (Tab completes them after ``owner:``)."""
    me: str | None = None
    """The current user: ``owner:me`` reads as ``owner:<me>`` (``None``: kept as ``me``)."""


def _default_sources() -> tuple[str, ...]:
    return tuple(source.value for source in LeadSource)


def _known(key: Key, typed: str, allowed: Collection[str], token: Part) -> str:
    value = english_value(key.value, typed)  # etapa:cualificado is stage:qualified
    if value in allowed:
        return value
    folded = value.casefold()
    for candidate in allowed:
        if candidate.casefold() == folded:
            return candidate
    raise FilterSyntaxError(
        _("Unknown {key} “{value}”: use one of {choices}.").format(
            key=shown_key(key.value),
            value=typed,
            choices=", ".join(shown_value(key.value, choice) for choice in allowed),
        ),
        token.start,
        token.end,
    )


def _match_value(key: Key, value: str, vocabulary: Vocabulary, token: Part) -> str:
    if not value:
        raise FilterSyntaxError(
            _("{key}: needs a value.").format(key=shown_key(key.value)), *token.span
        )
    if key is Key.STAGE:
        return _known(key, value, vocabulary.stages, token)
    if key is Key.SOURCE:
        return _known(key, value, vocabulary.sources, token)
    if key is Key.DUE:
        return _known(key, value.lower(), [due.value for due in Due], token)
    if key is Key.OWNER:
        return _owner(value, vocabulary)
    if key is Key.PHONE and not any(char.isdigit() for char in value):
        raise FilterSyntaxError(_("phone: needs digits, e.g. phone:600."), token.start, token.end)
    return value


def _owner(value: str, vocabulary: Vocabulary) -> str:
    """``me`` is the current user, ``none`` nobody; any other name is kept as written."""
    folded = value.casefold()
    if folded == ME:
        return vocabulary.me or ME
    return NOBODY if folded == NOBODY else value


def _compare_value(key: Key, text: str, token: Part) -> int | date:
    if key is Key.SCORE:
        if text.isdigit() and int(text) <= 100:
            return int(text)
        raise FilterSyntaxError(_("score needs a number from 0 to 100."), *token.span)
    try:
        return date.fromisoformat(text) if len(text) == 10 else _bad_date()
    except ValueError:
        raise FilterSyntaxError(
            _("created needs a date like 2026-11-01 (year-month-day)."), *token.span
        ) from None


def _bad_date() -> date:
    raise ValueError


def _term(token: Token, vocabulary: Vocabulary) -> Term:
    if token.key is None:
        if token.negated:
            raise FilterSyntaxError(
                _("Only key terms can be negated, e.g. -tag:client."), *token.span
            )
        return Text(token.values[0].text, quoted=token.values[0].quoted)
    try:
        key = Key(english_key(token.key))
    except ValueError:
        raise FilterSyntaxError(
            _("Unknown key “{key}”: use one of {keys}.").format(
                key=token.key, keys=", ".join(shown_key(k.value) for k in Key)
            ),
            token.start,
            token.start + len(token.key) + int(token.negated),
        ) from None
    if key in COMPARE_KEYS:
        if len(token.values) != 1:
            raise FilterSyntaxError(
                _("{key} takes one value.").format(key=shown_key(key.value)), *token.span
            )
        op = Op.EQ if token.op == ":" else Op(token.op)
        value = _compare_value(key, token.values[0].text, token.values[0])
        return Compare(key, op, value, token.negated)
    if token.op != ":":
        raise FilterSyntaxError(
            _("{key} is written {key}:value, not with {op}.").format(
                key=shown_key(key.value), op=token.op
            ),
            *token.span,
        )
    values = tuple(_match_value(key, v.text, vocabulary, v) for v in token.values)
    return Match(key, tuple(dict.fromkeys(values)), token.negated)


def parse(text: str, vocabulary: Vocabulary | None = None) -> FilterQuery:
    """Read a filter; raises :class:`FilterSyntaxError` (with the position) when it cannot."""
    vocab = vocabulary or Vocabulary()
    return FilterQuery(tuple(_term(token, vocab) for token in lex(text)))


def _render_value(value: int | date | str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render_term(term: Term) -> str:
    """One term as the parser reads it back."""
    if isinstance(term, Text):
        return quote_value(term.text, force=term.quoted)
    sign = "-" if term.negated else ""
    if isinstance(term, Compare):
        op = ":" if term.op is Op.EQ else term.op.value
        return f"{sign}{term.key.value}{op}{_render_value(term.value)}"
    return f"{sign}{term.key.value}:" + ",".join(quote_value(v) for v in term.values)


def render(query: FilterQuery) -> str:
    """The canonical text of a query: ``parse(render(q)) == q``."""
    return " ".join(render_term(term) for term in query.terms)
