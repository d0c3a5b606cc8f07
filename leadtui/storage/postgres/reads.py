"""The list/board/CLI reads on psycopg, with SQLite's semantics (``storage/sqlite/reads.py``,
``list_queries.py``): the same filters, sorts (ASCII case folding, NULLs first ascending),
offset paging from the nearer end, counts, and searches capped at :data:`SEARCH_CAP` hits.

A search is a prefix match on every word against the ``lead.search`` tsvector
(name, email, company; accents folded), read from its GIN index: the capped hits come
first and each is joined by id, so a search costs the same at any table size.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import psycopg

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
from leadtui.storage.filter_sql import filter_words, query_conditions, text_hits, without_text
from leadtui.storage.paging import page_window
from leadtui.storage.postgres.filter_dialect import POSTGRES
from leadtui.storage.postgres.list_order import order_clause
from leadtui.storage.postgres.rowmap import column_fields, select_list, values_decoder
from leadtui.storage.stage_sums import stage_totals_of

Conn = psycopg.Connection[tuple[Any, ...]]

SEARCH_CAP = 10_000
"""Searches look at most this many hits; counts above it show as "10,000+"."""

_ROW_NAMES = column_fields(LeadRow, LEAD)
ROW_COLUMNS = select_list(_ROW_NAMES, "l")
_decode_row = values_decoder(LEAD, _ROW_NAMES)


def row(values: tuple[Any, ...]) -> LeadRow:
    """A fetched ``ROW_COLUMNS`` tuple as a list row."""
    return LeadRow(*_decode_row(values))


def where_clause(lead_filter: LeadFilter, now: datetime) -> tuple[str, list[Any]] | None:
    """SQL condition and parameters for a filter (no search); ``None``: matches nothing."""
    clauses = ["l.deleted_at IS NULL"]
    params: list[Any] = []
    if lead_filter.stages:
        clauses.append("l.stage = ANY(%s)")
        params.append(list(lead_filter.stages))
    if lead_filter.sources:
        clauses.append("l.source = ANY(%s)")
        params.append(list(lead_filter.sources))
    for tag in lead_filter.tags:
        clauses.append(
            "l.id IN (SELECT lt.lead_id FROM leadtag lt JOIN tag t ON t.id = lt.tag_id "
            "WHERE t.name = %s)"
        )
        params.append(tag)
    start, end = day_bounds(now)
    match lead_filter.followup:
        case FollowUpFilter.OVERDUE:
            clauses.append("l.next_followup_at < %s")
            params.append(format_db_time(start))
        case FollowUpFilter.TODAY:
            clauses.append("l.next_followup_at >= %s AND l.next_followup_at < %s")
            params.extend([format_db_time(start), format_db_time(end)])
        case FollowUpFilter.THIS_WEEK:
            clauses.append("l.next_followup_at >= %s AND l.next_followup_at < %s")
            params.extend([format_db_time(start), format_db_time(start + timedelta(days=7))])
        case FollowUpFilter.NONE:
            clauses.append("l.next_followup_at IS NULL")
        case FollowUpFilter.ANY:
            pass
    extra, extra_params = query_conditions(lead_filter.query, now, POSTGRES)
    return " AND ".join([*clauses, *extra]), [*params, *extra_params]


HIT_IDS = "l.id = ANY(ARRAY(SELECT id FROM hits))"
"""A search's rows: each capped hit looked up by primary key. A join of the hits made the
planner hash the whole lead table (a scan: 350 ms for a page at 100k leads, growing with
the table); the array keeps it to one index probe per hit at any size."""


def _search_parts(
    conn: Conn, lead_filter: LeadFilter, now: datetime
) -> tuple[str, list[Any], str, list[Any]] | None:
    """The hits CTE and its parameters, the condition each hit must meet and its own."""
    hits = text_hits(filter_words(lead_filter), all_tags(conn), SEARCH_CAP + 1, POSTGRES)
    where = where_clause(without_text(lead_filter), now)
    if hits is None or where is None:
        return None
    hits_sql, hits_params = hits
    condition, params = where
    return f"WITH hits AS MATERIALIZED ({hits_sql}) ", hits_params, condition, params


def _searching(lead_filter: LeadFilter) -> bool:
    return bool(lead_filter.search.strip() or filter_words(lead_filter))


def matching_ids(
    conn: Conn, lead_filter: LeadFilter, now: datetime
) -> tuple[str, list[Any]] | None:
    """``SELECT`` of the ids the list shows for a filter (``None``: none); for an export."""
    if not _searching(lead_filter):
        where = where_clause(lead_filter, now)
        return None if where is None else (f"SELECT l.id FROM lead l WHERE {where[0]}", where[1])
    parts = _search_parts(conn, lead_filter, now)
    if parts is None:
        return None
    hits, hits_params, condition, params = parts
    sql = f"{hits}SELECT l.id FROM lead l WHERE {HIT_IDS} AND {condition}"
    return sql, [*hits_params, *params]


def _by_stage(
    conn: Conn,
    condition: str,
    params: list[Any],
    *,
    descending: bool,
    offset: int,
    limit: int,
) -> list[tuple[Any, ...]]:
    """A page of the stage sort, stage by stage in funnel order (each an index walk)."""
    keys = [stage.key for stage in stages(conn)]
    if descending:
        keys.reverse()
    direction = " DESC" if descending else ""
    source = f"FROM lead l WHERE {condition} AND l.stage = %s"
    found: list[tuple[Any, ...]] = []
    for key in keys:
        if len(found) >= limit:
            break
        if offset:
            counted = conn.execute(f"SELECT count(*) {source}", [*params, key]).fetchone()
            count = int(counted[0]) if counted else 0
            if count <= offset:
                offset -= count
                continue
        found.extend(
            conn.execute(
                f"SELECT {ROW_COLUMNS} {source} ORDER BY l.created_at{direction}, "
                f"l.id{direction} LIMIT %s OFFSET %s",
                [*params, key, limit - len(found), offset],
            ).fetchall()
        )
        offset = 0
    return found


def page(
    conn: Conn,
    lead_filter: LeadFilter,
    sort: LeadSort,
    now: datetime,
    offset: int,
    limit: int,
    total: int | None = None,
) -> list[LeadRow]:
    """Rows ``offset .. offset+limit`` of the filtered, sorted list (searches from the hits)."""
    if limit <= 0:
        return []
    offset = max(0, offset)
    if _searching(lead_filter):
        parts = _search_parts(conn, lead_filter, now)
        if parts is None:
            return []
        hits, hits_params, condition, params = parts
        sql = (
            f"{hits}SELECT {ROW_COLUMNS} FROM lead l "
            f"WHERE {HIT_IDS} AND {condition} ORDER BY {order_clause(sort)} LIMIT %s OFFSET %s"
        )
        values = [*hits_params, *params, limit, offset]
        return [row(found) for found in conn.execute(sql, values)]
    where = where_clause(lead_filter, now)
    if where is None:
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
            f"ORDER BY {order_clause(sort, reverse=from_end)} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        ).fetchall()
    rows = [row(values) for values in found]
    if from_end:
        rows.reverse()
    return rows


def count(conn: Conn, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
    """How many leads match and how many are overdue (a search counts its capped hits)."""
    start, _end = day_bounds(now)
    overdue = "count(*) FILTER (WHERE l.next_followup_at < %s)"
    searching = _searching(lead_filter)
    if searching:
        parts = _search_parts(conn, lead_filter, now)
        if parts is None:
            return LeadCounts(0, 0)
        hits, hits_params, condition, params = parts
        sql = f"{hits}SELECT count(*), {overdue} FROM lead l WHERE {HIT_IDS} AND "
        values = [*hits_params, format_db_time(start), *params]
    else:
        where = where_clause(lead_filter, now)
        if where is None:
            return LeadCounts(0, 0)
        condition, params = where
        sql = f"SELECT count(*), {overdue} FROM lead l WHERE "
        values = [format_db_time(start), *params]
    found = conn.execute(f"{sql}{condition}", values).fetchone()
    total, late = (int(found[0]), int(found[1] or 0)) if found else (0, 0)
    return LeadCounts(total, late, capped=searching and total > SEARCH_CAP)


def stages(conn: Conn) -> list[StageInfo]:
    """Every stage in funnel order."""
    return [
        StageInfo(key, name, int(position), kind)
        for key, name, position, kind in conn.execute(
            "SELECT key, name, position, kind FROM stage ORDER BY position"
        )
    ]


def stage_totals(conn: Conn) -> list[StageTotal]:
    """Count and value (per currency) of live leads per stage, in funnel order."""
    rows = conn.execute(
        "SELECT stage, currency, count(*), coalesce(sum(value_cents), 0)::bigint FROM lead "
        "WHERE deleted_at IS NULL GROUP BY stage, currency"
    ).fetchall()
    return stage_totals_of(stages(conn), rows)


def lead_row(conn: Conn, lead_id: int) -> LeadRow | None:
    """One lead as a list row (deleted ones included), or ``None``."""
    values = conn.execute(
        f"SELECT {ROW_COLUMNS} FROM lead l WHERE l.id = %s", (lead_id,)
    ).fetchone()
    return None if values is None else row(values)


def all_tags(conn: Conn) -> list[str]:
    """Every tag name, alphabetically (ASCII case folded, as on SQLite)."""
    return [
        str(name)
        for (name,) in conn.execute("SELECT name FROM tag ORDER BY leadtui_nocase(name), name")
    ]


def tags_of(conn: Conn, lead_id: int) -> list[str]:
    """The tags on one lead, alphabetically."""
    return [
        str(name)
        for (name,) in conn.execute(
            "SELECT t.name FROM tag t JOIN leadtag lt ON lt.tag_id = t.id WHERE lt.lead_id = %s "
            "ORDER BY leadtui_nocase(t.name), t.name",
            (lead_id,),
        )
    ]
