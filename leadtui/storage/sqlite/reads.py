"""Fast reads for lists, board columns and counts, on the stdlib ``sqlite3`` module.

These run on every keypress and at start-up, so they avoid the ORM (whose
import alone costs more than Textual's) and use only indexed queries with a
LIMIT. SQL is fixed text with bound parameters; only whitelisted fragments
(column lists for a sort key) are joined in.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

from leadtui.domain.filter_query import Key, Match
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import (
    FollowUpFilter,
    LeadCounts,
    LeadFilter,
    LeadRow,
    LeadSort,
    SortKey,
    StageInfo,
    StageTotal,
)
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.storage.columns import LEAD
from leadtui.storage.filter_sql import BIG_TAG, query_conditions
from leadtui.storage.paging import page_window
from leadtui.storage.sqlite.filter_dialect import SQLITE
from leadtui.storage.sqlite.rowmap import column_fields, select_list, values_decoder
from leadtui.storage.sqlite.schema import fts_query

SEARCH_CAP = 10_000
"""Searches look at most this many hits; counts above it show as "10,000+"."""

_ROW_NAMES = column_fields(LeadRow, LEAD)
ROW_COLUMNS = select_list(_ROW_NAMES, "l")
"""The list row's columns (``LeadRow``'s fields), for ``FROM lead l``."""
_decode_row = values_decoder(LEAD, _ROW_NAMES)

_SORT_TERMS: dict[SortKey, tuple[str, ...]] = {
    SortKey.CREATED: ("l.created_at",),
    SortKey.NAME: ("l.last_name COLLATE NOCASE", "l.first_name COLLATE NOCASE"),
    SortKey.COMPANY: ("l.company COLLATE NOCASE",),
    SortKey.EMAIL: ("l.email COLLATE NOCASE",),
    SortKey.STAGE: ("(SELECT s.position FROM stage s WHERE s.key = l.stage)", "l.created_at"),
    SortKey.SOURCE: ("l.source", "l.created_at"),
    SortKey.FOLLOWUP: ("l.next_followup_at IS NULL", "l.next_followup_at"),
    SortKey.LAST_ACTIVITY: ("l.last_activity_at",),
    SortKey.VALUE: ("l.value_cents",),
    SortKey.SCORE: ("l.score",),
}


def _row(values: tuple[Any, ...]) -> LeadRow:
    return LeadRow(*_decode_row(values))


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


def where_clause(
    lead_filter: LeadFilter,
    now: datetime,
    conn: sqlite3.Connection | None = None,
    due_guard: str = "",
) -> tuple[str, list[Any]] | None:
    """SQL condition and parameters for a filter; ``None`` if it can match nothing.

    With ``conn`` (a page read), tags on many leads are read by walking the sort index;
    ``due_guard`` goes before each follow-up range (see ``query_conditions``).
    """
    clauses = ["l.deleted_at IS NULL"]
    params: list[Any] = []
    if lead_filter.stages:
        clauses.append(f"l.stage IN ({_placeholders(len(lead_filter.stages))})")
        params.extend(lead_filter.stages)
    if lead_filter.sources:
        clauses.append(f"l.source IN ({_placeholders(len(lead_filter.sources))})")
        params.extend(lead_filter.sources)
    for tag in lead_filter.tags:
        clauses.append(
            "l.id IN (SELECT lt.lead_id FROM leadtag lt JOIN tag t ON t.id = lt.tag_id "
            "WHERE t.name = ?)"
        )
        params.append(tag)
    start, end = day_bounds(now)
    match lead_filter.followup:
        case FollowUpFilter.OVERDUE:
            clauses.append(f"{due_guard}l.next_followup_at < ?")
            params.append(format_db_time(start))
        case FollowUpFilter.TODAY:
            clauses.append(f"{due_guard}l.next_followup_at >= ? AND l.next_followup_at < ?")
            params.extend([format_db_time(start), format_db_time(end)])
        case FollowUpFilter.THIS_WEEK:
            clauses.append(f"{due_guard}l.next_followup_at >= ? AND l.next_followup_at < ?")
            params.extend([format_db_time(start), format_db_time(start + timedelta(days=7))])
        case FollowUpFilter.NONE:
            clauses.append("l.next_followup_at IS NULL")
        case FollowUpFilter.ANY:
            pass
    if not lead_filter.query.is_empty:
        walk = () if conn is None else big_tags(conn, lead_filter)
        extra, extra_params = query_conditions(lead_filter.query, now, SQLITE, walk, due_guard)
        clauses.extend(extra)
        params.extend(extra_params)
    if lead_filter.search.strip():
        query = fts_query(lead_filter.search)
        if query is None:
            return None
        clauses.append("l.id IN (SELECT rowid FROM lead_fts WHERE lead_fts MATCH ? LIMIT ?)")
        params.extend([query, SEARCH_CAP + 1])
    return " AND ".join(clauses), params


def big_tags(conn: sqlite3.Connection, lead_filter: LeadFilter) -> set[str]:
    """The filter's tags that are on at least ``BIG_TAG`` leads (a capped index-only count)."""
    names = {
        value
        for term in lead_filter.query.terms
        if isinstance(term, Match) and term.key is Key.TAG
        for value in term.values
    }
    return {
        name
        for name in names
        if conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM leadtag lt JOIN tag t ON t.id = lt.tag_id "
            "WHERE t.name = ? LIMIT ?)",
            (name, BIG_TAG),
        ).fetchone()[0]
        >= BIG_TAG
    }


def order_clause(sort: LeadSort, *, reverse: bool = False) -> str:
    """ORDER BY terms for a sort; ``reverse`` flips every direction (paging from the end)."""
    descending = sort.descending != reverse
    direction = " DESC" if descending else ""
    return ", ".join(term + direction for term in (*_SORT_TERMS[sort.key], "l.id"))


def _by_stage(
    conn: sqlite3.Connection,
    condition: str,
    params: list[object],
    *,
    descending: bool,
    offset: int,
    limit: int,
) -> list[tuple[Any, ...]]:
    """A page of the stage sort, read stage by stage in funnel order.

    Ordering by the stage's position (a lookup in another table) cannot use an
    index: it sorted every lead (0.7 s at 100k, seconds at 1M). Here each stage is
    one walk of ix_live_stage_created, already in order; stages wholly before the
    page are skipped by their count, so the first page costs one short walk.
    """
    keys = [stage.key for stage in stages(conn)]
    if descending:
        keys.reverse()
    direction = " DESC" if descending else ""
    source = f"FROM lead l INDEXED BY ix_live_stage_created WHERE {condition} AND l.stage = ?"
    rows: list[tuple[Any, ...]] = []
    for key in keys:
        if len(rows) >= limit:
            break
        if offset:
            (count,) = conn.execute(f"SELECT count(*) {source}", [*params, key]).fetchone()
            if count <= offset:
                offset -= count
                continue
        rows.extend(
            conn.execute(
                f"SELECT {ROW_COLUMNS} {source} ORDER BY l.created_at{direction}, l.id{direction} "
                "LIMIT ? OFFSET ?",
                [*params, key, limit - len(rows), offset],
            )
        )
        offset = 0
    return rows


def page_leads(
    conn: sqlite3.Connection,
    lead_filter: LeadFilter,
    sort: LeadSort,
    now: datetime,
    offset: int,
    limit: int,
    total: int | None = None,
) -> list[LeadRow]:
    """Rows ``offset .. offset+limit`` of the filtered, sorted list.

    When ``total`` is known and the page lies in the far half, the query walks
    the index from the other end, so OFFSET never skips more than half the rows.
    """
    where = where_clause(lead_filter, now, conn)
    if where is None or limit <= 0:
        return []
    condition, params = where
    window = page_window(offset, limit, total)
    if window is None:
        return []
    offset, limit, from_end = window
    if sort.key is SortKey.STAGE:
        found = _by_stage(
            conn,
            condition,
            params,
            descending=sort.descending != from_end,
            offset=offset,
            limit=limit,
        )
    else:
        found = conn.execute(
            f"SELECT {ROW_COLUMNS} FROM lead l WHERE {condition} "
            f"ORDER BY {order_clause(sort, reverse=from_end)} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    rows = [_row(values) for values in found]
    if from_end:
        rows.reverse()
    return rows


def count_leads(conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
    """How many leads match, and how many of them are overdue."""
    where = where_clause(lead_filter, now)
    if where is None:
        return LeadCounts(0, 0)
    condition, params = where
    start, _end = day_bounds(now)
    if replace(lead_filter, stages=()).is_empty:
        # The header's counts (every lead, or some stages): two index-only counts. One
        # count with a CASE read each row's follow-up from the table (2-3 s at 1M).
        (total,) = conn.execute(f"SELECT count(*) FROM lead l WHERE {condition}", params).fetchone()
        overdue_sql = (
            f"SELECT count(*) FROM lead l WHERE {condition} AND l.next_followup_at < ?"
            if lead_filter.stages  # ix_live_stage_followup
            else f"SELECT count(*) FROM lead l WHERE {condition} "
            "AND (l.next_followup_at IS NULL) = 0 AND l.next_followup_at < ?"  # ix_live_followup
        )
        (overdue,) = conn.execute(overdue_sql, [*params, format_db_time(start)]).fetchone()
        return LeadCounts(int(total), int(overdue))
    total, overdue = conn.execute(
        f"SELECT count(*), count(CASE WHEN l.next_followup_at < ? THEN 1 END) "
        f"FROM lead l WHERE {condition}",
        [format_db_time(start), *params],
    ).fetchone()
    capped = bool(lead_filter.search) and total > SEARCH_CAP
    return LeadCounts(int(total), int(overdue or 0), capped=capped)


def stages(conn: sqlite3.Connection) -> list[StageInfo]:
    """Every stage in funnel order."""
    return [
        StageInfo(key, name, position, kind)
        for key, name, position, kind in conn.execute(
            "SELECT key, name, position, kind FROM stage ORDER BY position"
        )
    ]


def stage_totals(conn: sqlite3.Connection) -> list[StageTotal]:
    """Count and value (per currency) of live leads per stage."""
    rows = conn.execute(
        # Named: without ANALYZE statistics the planner prefers the full index on
        # deleted_at and reads every row (10x slower at 100k leads).
        "SELECT stage, currency, count(*), coalesce(sum(value_cents), 0) FROM lead "
        "INDEXED BY ix_live_stage_money WHERE deleted_at IS NULL GROUP BY stage, currency"
    )
    from leadtui.storage.stage_sums import stage_totals_of  # the board's, not the list's

    return stage_totals_of(stages(conn), rows)


def lead_row(conn: sqlite3.Connection, lead_id: int) -> LeadRow | None:
    """One lead as a list row (deleted ones included), or ``None``."""
    values = conn.execute(f"SELECT {ROW_COLUMNS} FROM lead l WHERE l.id = ?", (lead_id,)).fetchone()
    return None if values is None else _row(values)


def all_tags(conn: sqlite3.Connection) -> list[str]:
    """Every tag name, alphabetically (for completion and filters)."""
    return [name for (name,) in conn.execute("SELECT name FROM tag ORDER BY name COLLATE NOCASE")]


def tags_of(conn: sqlite3.Connection, lead_id: int) -> list[str]:
    """The tags on one lead, alphabetically."""
    return [
        name
        for (name,) in conn.execute(
            "SELECT t.name FROM tag t JOIN leadtag lt ON lt.tag_id = t.id WHERE lt.lead_id = ? "
            "ORDER BY t.name COLLATE NOCASE",
            (lead_id,),
        )
    ]
