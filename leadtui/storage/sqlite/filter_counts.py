"""Counts of a filter without free text, each read from an index where one serves (#15).

One ``count(*), count(CASE WHEN next_followup_at < ? …)`` made SQLite read every
matching row for the follow-up (``score>40`` 1.5-1.9 s at a million leads), and a
``due:`` range alone could not use ``ix_live_followup``, whose first column is
``next_followup_at IS NULL``: the planner read all rows through the score index
(``due:overdue`` 2.6-3.5 s). Here the total is its own count, with
:data:`DUE_GUARD` before every follow-up range so that index serves it, and the overdue
count takes the cheapest of three shapes (see :func:`count_filter`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from leadtui.domain.filter_query import FilterQuery, Key, Match
from leadtui.domain.rows import FollowUpFilter, LeadCounts, LeadFilter
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.storage.sqlite.reads import where_clause

DUE_GUARD = "(l.next_followup_at IS NULL) = 0 AND "
"""True of every dated follow-up; ``ix_live_followup``'s first column, so a range reads it."""
ROWS_READ = 20_000
"""Up to this many matches, the overdue count reads each match's follow-up from its row
(~3 µs a row); above it, the matches are probed against the overdue ids (~0.1 s at 1M)."""
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


def count_filter(conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
    """How many leads a filter without free text matches, and how many are overdue.

    The overdue count: one index when the filter is only stage and follow-up terms; the
    matches' rows when there are few; else the matches (from the filter's own index)
    probed against the overdue ids (``+l.id`` keeps the planner from driving by that list).
    """
    where = where_clause(lead_filter, now, due_guard=DUE_GUARD)
    if where is None:
        return LeadCounts(0, 0)
    condition, params = where
    (total,) = conn.execute(f"SELECT count(*) FROM lead l WHERE {condition}", params).fetchone()
    if not total:
        return LeadCounts(0, 0)
    start = format_db_time(day_bounds(now)[0])
    if _followup_indexed(lead_filter):
        sql = f"SELECT count(*) FROM lead l WHERE {condition} AND {DUE_GUARD}l.next_followup_at < ?"
    elif total <= ROWS_READ:
        sql = (
            f"WITH m(id) AS MATERIALIZED (SELECT l.id FROM lead l WHERE {condition}) "
            "SELECT count(*) FROM m CROSS JOIN lead r ON r.id = m.id WHERE r.next_followup_at < ?"
        )
    else:
        sql = f"SELECT count(*) FROM lead l WHERE {condition} AND +l.id IN ({_OVERDUE_IDS})"
    (overdue,) = conn.execute(sql, [*params, start]).fetchone()
    return LeadCounts(int(total), int(overdue))
