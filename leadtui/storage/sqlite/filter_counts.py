"""Counts of a filter without free text, each read from an index where one serves (#15).

One ``count(*), count(CASE WHEN next_followup_at < ? …)`` made SQLite read every
matching row for the follow-up (``score>40`` 1.5-1.9 s at a million leads), and a
``due:`` range alone could not use ``ix_live_followup``, whose first column is
``next_followup_at IS NULL``: the planner read all rows through the score index
(``due:overdue`` 2.6-3.5 s). Here the total is its own count, with
:data:`DUE_GUARD` before every follow-up range so that index serves it, and the overdue
count takes the cheaper of two shapes (see :func:`count_filter`); filters whose
total reads rows anyway (two keys, negations, company/phone/note) count both in one pass.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from leadtui.domain.filter_query import Compare, FilterQuery, Key, Match
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import FollowUpFilter, LeadCounts, LeadFilter
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.storage.sqlite.reads import where_clause

DUE_GUARD = "(l.next_followup_at IS NULL) = 0 AND "
"""True of every dated follow-up; ``ix_live_followup``'s first column, so a range reads it."""
ROWS_READ = 100_000
"""Up to this many matches, one pass reads each match's follow-up from its row (~1 µs a
row, warm); above it, the matches are probed against the overdue ids (~0.15 s: building
the list of the benchmark's 177k overdue ids is most of it)."""
_ONE_INDEX = frozenset({Key.SCORE, Key.SOURCE, Key.CREATED, Key.OWNER})
"""Keys whose terms alone are counted from their own index; with a second key or a negation
the total reads rows anyway, so one pass counts both. Not ``tag``: its total is a probe of
the tag's lead list already (~60 ms for 67k leads), about what one pass costs."""
_OVERDUE_IDS = (
    "SELECT o.id FROM lead o INDEXED BY ix_live_followup WHERE o.deleted_at IS NULL "
    "AND (o.next_followup_at IS NULL) = 0 AND o.next_followup_at < ?"
)


def _followup_indexed(lead_filter: LeadFilter) -> bool:
    """True when every condition is on one stage or on the follow-up: the columns of
    ``ix_live_followup`` and ``ix_live_stage_followup``, so the overdue count reads one index."""
    rest = replace(lead_filter, stages=(), followup=FollowUpFilter.ANY, query=FilterQuery())
    if rest != LeadFilter() or len(lead_filter.stages) > 1:
        return False
    return all(
        isinstance(term, Match)
        and not term.negated
        and (term.key is Key.DUE or (term.key is Key.STAGE and len(term.values) == 1))
        for term in lead_filter.query.terms
    )


def _one_index(lead_filter: LeadFilter) -> bool:
    """True when every condition is a positive term of one key of :data:`_ONE_INDEX` (one
    source at most: several are a ``+source IN`` list, which no index serves)."""
    terms = lead_filter.query.terms
    if replace(lead_filter, query=FilterQuery()) != LeadFilter() or not terms:
        return False
    if not all(isinstance(term, Match | Compare) and not term.negated for term in terms):
        return False
    keys = {term.key for term in terms if isinstance(term, Match | Compare)}
    several_sources = any(
        isinstance(term, Match) and term.key is Key.SOURCE and len(term.values) > 1
        for term in terms
    )
    return len(keys) == 1 and keys <= _ONE_INDEX and not several_sources


def count_filter(conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
    """How many leads a filter without free text matches, and how many are overdue.

    A filter of only stage and follow-up terms: two counts, each on one index. One other
    index-served key with more than :data:`ROWS_READ` matches: its total from its index,
    the overdue count its matches probed against the overdue ids (``+l.id`` keeps the
    planner from driving by that list). Otherwise one pass over the matching rows counts
    both (a total that reads rows anyway, or few enough rows).
    """
    where = where_clause(lead_filter, now, due_guard=DUE_GUARD)
    if where is None:
        return LeadCounts(0, 0)
    condition, params = where
    start = format_db_time(day_bounds(now)[0])
    followup_indexed = _followup_indexed(lead_filter)
    total: int | None = None
    if not followup_indexed and _one_index(lead_filter):
        (total,) = conn.execute(f"SELECT count(*) FROM lead l WHERE {condition}", params).fetchone()
    if not followup_indexed and (total is None or total <= ROWS_READ):
        total, overdue = conn.execute(
            "SELECT count(*), count(CASE WHEN l.next_followup_at < ? THEN 1 END) "
            f"FROM lead l WHERE {condition}",
            [start, *params],
        ).fetchone()
        return LeadCounts(int(total), int(overdue or 0))
    if total is None:  # only stage and follow-up terms
        (total,) = conn.execute(f"SELECT count(*) FROM lead l WHERE {condition}", params).fetchone()
        sql = f"SELECT count(*) FROM lead l WHERE {condition} AND {DUE_GUARD}l.next_followup_at < ?"
    else:
        sql = f"SELECT count(*) FROM lead l WHERE {condition} AND +l.id IN ({_OVERDUE_IDS})"
    (overdue,) = conn.execute(sql, [*params, start]).fetchone()
    return LeadCounts(int(total or 0), int(overdue))
