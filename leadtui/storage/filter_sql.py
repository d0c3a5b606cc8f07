"""The filter language as SQL, once for both dialects (bound parameters only).

Each dialect gives a small :class:`Dialect` (its placeholder, ``IN`` list, case-folded
``LIKE`` and its full-text word lookup); this module builds the conditions over
``lead l`` and the free-text hit list. Keys served by an index: ``stage``, ``source``,
``tag`` (ix_leadtag_tag), ``due`` (ix_live_followup), ``created`` (ix_live_created),
``owner`` (ix_live_owner);
``score``, ``company``, ``phone`` and ``note`` are checked row by row (a scan unless
another term or a search narrows the rows first).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

import msgspec

from leadtui.domain.enums import LeadSource
from leadtui.domain.filter_query import Compare, Due, FilterQuery, Key, Match, Op, Text, words_of
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadFilter
from leadtui.domain.team import NOBODY
from leadtui.domain.timefmt import day_bounds, format_db_time, local_day_start

MIN_ROUTE_WORD = 2
"""Shorter words search only the full-text index (a 1-letter source/tag route reads too much)."""
MIN_PHONE_DIGITS = 3
BIG_TAG = 10_000
"""From this many leads on, a tag's page walks the sort index instead of sorting the tag's
leads (the two cost the same near sqrt(page x leads); 10k fits a million)."""
_TAG_JOIN = "FROM leadtag lt JOIN tag t ON t.id = lt.tag_id"


class Dialect(Protocol):
    """What differs between SQLite and PostgreSQL in a filter's SQL."""

    mark: str
    """The parameter placeholder (``?`` or ``%s``)."""

    def in_values(self, expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``expr IN (values)`` and its parameters."""
        ...

    def like(self, expr: str) -> str:
        """``expr`` matching one pattern parameter, ASCII case folded, ``\\`` escaping."""
        ...

    def one_of(self, expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``expr IN (values)`` for a list column of the lead (stage, source) as the planner
        should read it: SQLite walks the sort index for several values rather than sorting."""
        ...

    def word_hits(self) -> str:
        """``SELECT … AS id`` of the leads whose search index matches one word parameter."""
        ...

    def word_query(self, words: Sequence[str]) -> str | None:
        """The full-text parameter matching every word as a prefix; ``None``: nothing to search."""
        ...


def contains_pattern(value: str) -> str:
    """A ``LIKE`` pattern for "contains ``value``" (wildcards in it escaped)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def digits(value: str) -> str:
    """The digits of a phone term."""
    return "".join(char for char in value if char.isdigit())


def filter_words(lead_filter: LeadFilter) -> tuple[str, ...]:
    """Every free-text word of a filter: its ``search`` text and its query's text terms."""
    return words_of(lead_filter.search) + lead_filter.query.words


def without_text(lead_filter: LeadFilter) -> LeadFilter:
    """The filter without its free text (the conditions checked on each hit)."""
    kept = tuple(term for term in lead_filter.query.terms if not isinstance(term, Text))
    return replace(lead_filter, search="", query=FilterQuery(kept))


def _due(value: str, now: datetime, mark: str, guard: str) -> tuple[str, list[Any]]:
    start, end = day_bounds(now)
    match value:
        case Due.OVERDUE:
            return f"({guard}l.next_followup_at < {mark})", [format_db_time(start)]
        case Due.TODAY:
            return (
                f"({guard}l.next_followup_at >= {mark} AND l.next_followup_at < {mark})",
                [format_db_time(start), format_db_time(end)],
            )
        case Due.WEEK:
            return (
                f"({guard}l.next_followup_at >= {mark} AND l.next_followup_at < {mark})",
                [format_db_time(start), format_db_time(start + timedelta(days=7))],
            )
    return "l.next_followup_at IS NULL", []


def _any_of(parts: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    sql = " OR ".join(part for part, _params in parts)
    return f"({sql})", [param for _part, params in parts for param in params]


def _match(
    term: Match, now: datetime, dialect: Dialect, walk_tags: Collection[str], guard: str
) -> tuple[str, list[Any]]:
    mark = dialect.mark
    values = list(term.values)
    if term.key in (Key.STAGE, Key.SOURCE):
        sql, params = dialect.one_of(f"l.{term.key.value}", values)
        return (f"NOT {sql}" if term.negated else sql), params
    if term.key is Key.TAG:
        sql, params = dialect.in_values("t.name", values)
        if not term.negated and all(tag in walk_tags for tag in values):
            # A tag on many leads: walk the sort index and probe each lead's tags (the
            # list form fetches and sorts every tagged lead: 200-280 ms at 66k leads).
            sql = (
                "EXISTS (SELECT 1 FROM leadtag lt WHERE lt.lead_id = l.id AND lt.tag_id IN "
                f"(SELECT t.id FROM tag t WHERE {sql}))"
            )
        else:
            sql = f"l.id IN (SELECT lt.lead_id {_TAG_JOIN} WHERE {sql})"
        return (f"NOT {sql}" if term.negated else sql), params
    if term.key is Key.DUE:
        sql, params = _any_of([_due(value, now, mark, guard) for value in values])
    elif term.key is Key.COMPANY:
        sql, params = _any_of([(dialect.like("l.company"), [contains_pattern(v)]) for v in values])
    elif term.key is Key.OWNER:  # ix_live_owner; owner:none is an unassigned lead
        named = [value for value in values if value != NOBODY]
        parts = [dialect.in_values("l.owner", named)] if named else []
        sql, params = _any_of(parts + [("l.owner IS NULL", [])] * (len(named) < len(values)))
    elif term.key is Key.PHONE:
        # From the phone index (only leads with a phone), not a walk of every lead.
        likes = " OR ".join(dialect.like("p.phone_e164") for _value in values)
        sql = f"l.id IN (SELECT p.id FROM lead p WHERE p.phone_e164 IS NOT NULL AND ({likes}))"
        params = [contains_pattern(digits(v)) for v in values]
    else:  # note: the activity text, one index lookup per lead (ix_activity_lead_at)
        likes = " OR ".join(dialect.like("a.body") for _value in values)
        sql = f"EXISTS (SELECT 1 FROM activity a WHERE a.lead_id = l.id AND ({likes}))"
        params = [contains_pattern(v) for v in values]
    # NULL (no follow-up, no phone) counts as "does not match", so the negation keeps it.
    return (f"({sql}) IS NOT TRUE" if term.negated else sql), params


def _day_range(op: Op, day: date) -> tuple[str | None, str | None]:
    """Inclusive lower and exclusive upper bound of ``created OP day`` (local days)."""
    start = format_db_time(local_day_start(day))
    after = format_db_time(local_day_start(day + timedelta(days=1)))
    return {
        Op.EQ: (start, after),
        Op.GT: (after, None),
        Op.GE: (start, None),
        Op.LT: (None, start),
        Op.LE: (None, after),
    }[op]


def _compare(term: Compare, dialect: Dialect) -> tuple[str, list[Any]]:
    mark = dialect.mark
    if isinstance(term.value, date):
        low, high = _day_range(term.op, term.value)
        parts = [f"l.created_at >= {mark}"] * (low is not None)
        parts += [f"l.created_at < {mark}"] * (high is not None)
        sql = " AND ".join(parts)
        params: list[Any] = [bound for bound in (low, high) if bound is not None]
    else:
        sql, params = f"l.score {term.op.value} {mark}", [term.value]
    return (f"({sql}) IS NOT TRUE" if term.negated else f"({sql})"), params


def query_conditions(
    query: FilterQuery,
    now: datetime,
    dialect: Dialect,
    walk_tags: Collection[str] = (),
    due_guard: str = "",
) -> tuple[list[str], list[Any]]:
    """The conditions of a query's key terms over ``lead l`` (free text is the hit list's).

    ``walk_tags`` are tags on so many leads that a page is read faster by walking the sort
    index (SQLite; see :data:`BIG_TAG`). ``due_guard`` is put before each ``due:`` range: a
    condition every dated follow-up meets that lets a count read the range from an index
    (SQLite's ``ix_live_followup`` leads with ``next_followup_at IS NULL``).
    """
    clauses: list[str] = []
    params: list[Any] = []
    for term in query.terms:
        if isinstance(term, Text):
            continue
        sql, values = (
            _match(term, now, dialect, walk_tags, due_guard)
            if isinstance(term, Match)
            else _compare(term, dialect)
        )
        clauses.append(sql)
        params.extend(values)
    return clauses, params


class _Routes(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    tags: tuple[str, ...]
    phone: str | None

    @property
    def empty(self) -> bool:
        return not (self.sources or self.tags or self.phone)


def _starts_a_word(word: str, value: str) -> bool:
    folded = word.casefold()
    return any(token.casefold().startswith(folded) for token in words_of(value))


def _routes(word: str, tags: Sequence[str]) -> _Routes:
    """Where a word matches besides the full-text index: sources, tags, phone digits."""
    if len(word) < MIN_ROUTE_WORD:
        return _Routes((), (), None)
    phone = word if word.isdigit() and len(word) >= MIN_PHONE_DIGITS else None
    return _Routes(
        tuple(source.value for source in LeadSource if _starts_a_word(word, source.value)),
        tuple(tag for tag in tags if _starts_a_word(word, tag)),
        phone,
    )


def _word_set(
    word: str, routes: _Routes, dialect: Dialect, cap: int | None
) -> tuple[str, list[Any]]:
    """The union of a word's routes; ``cap`` bounds each route (one word: the hits are capped
    anyway, so no route needs to be read past the cap)."""
    parts: list[tuple[str, list[Any]]] = [(dialect.word_hits(), [dialect.word_query([word])])]
    if routes.tags:
        sql, values = dialect.in_values("t.name", routes.tags)
        parts.append(
            (
                f"SELECT lt.lead_id AS id {_TAG_JOIN} WHERE {sql}",
                values,
            )
        )
    if routes.sources:
        sql, values = dialect.in_values("source", routes.sources)
        parts.append((f"SELECT id FROM lead WHERE deleted_at IS NULL AND {sql}", values))
    if routes.phone:
        parts.append(
            (
                "SELECT id FROM lead WHERE phone_e164 IS NOT NULL AND deleted_at IS NULL "
                f"AND phone_e164 LIKE {dialect.mark}",
                [contains_pattern(routes.phone)],
            )
        )
    if cap is not None:
        parts = [
            (f"SELECT id FROM ({sql} LIMIT {dialect.mark}) AS r{index}", [*values, cap])
            for index, (sql, values) in enumerate(parts)
        ]
    return " UNION ".join(sql for sql, _values in parts), [v for _sql, vs in parts for v in vs]


def text_hits(
    words: Sequence[str], tags: Sequence[str], cap: int, dialect: Dialect
) -> tuple[str, list[Any]] | None:
    """``SELECT id`` of at most ``cap`` leads matching every word, and its parameters.

    When no word reaches a tag, a source or a phone, this is the plain full-text prefix
    query of every word (one index lookup, as before); otherwise each word is the union of
    its routes and the words are intersected. ``None`` when there is nothing to search.
    """
    query = dialect.word_query(words)
    if query is None:
        return None
    routes = [_routes(word, tags) for word in words]
    mark = dialect.mark
    if all(route.empty for route in routes):
        return f"SELECT id FROM ({dialect.word_hits()}) AS found LIMIT {mark}", [query, cap]
    selects: list[str] = []
    params: list[Any] = []
    for index, (word, route) in enumerate(zip(words, routes, strict=True)):
        sql, values = _word_set(word, route, dialect, cap if len(words) == 1 else None)
        selects.append(f"SELECT id FROM ({sql}) AS w{index}")
        params.extend(values)
    return f"SELECT id FROM ({' INTERSECT '.join(selects)}) AS found LIMIT {mark}", [*params, cap]
