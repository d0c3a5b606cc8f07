"""List queries for searches, driven from the full-text hits (no Textual here).

``reads.page_leads`` with a search walks a sort index and probes each row
against the hit list: at a million leads a common prefix makes that walk (and
the count) cost seconds. Here the capped FTS hits come first and each is
looked up by rowid, so a search costs at most ``SEARCH_CAP`` lookups at any
table size. Searches without text go to :mod:`leadtui.storage.sqlite.reads` unchanged.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from leadtui.domain.rows import LeadCounts, LeadFilter, LeadRow, LeadSort
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.storage.filter_sql import filter_words, text_hits, without_text
from leadtui.storage.sqlite import reads
from leadtui.storage.sqlite.filter_dialect import SQLITE
from leadtui.storage.sqlite.reads import ROW_COLUMNS


def _search_parts(
    conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime
) -> tuple[str, list[object], str, list[object]] | None:
    """The hits CTE and its parameters, the condition each hit must meet and its own."""
    hits = text_hits(filter_words(lead_filter), reads.all_tags(conn), reads.SEARCH_CAP + 1, SQLITE)
    where = reads.where_clause(without_text(lead_filter), now)
    if hits is None or where is None:
        return None
    hits_sql, hits_params = hits
    condition, params = where
    return f"WITH hits(id) AS MATERIALIZED ({hits_sql}) ", hits_params, condition, params


def _searching(lead_filter: LeadFilter) -> bool:
    return bool(lead_filter.search.strip() or filter_words(lead_filter))


def page_list(
    conn: sqlite3.Connection,
    lead_filter: LeadFilter,
    sort: LeadSort,
    now: datetime,
    offset: int,
    limit: int,
    total: int | None = None,
) -> list[LeadRow]:
    """Rows ``offset .. offset+limit`` of the filtered, sorted list (searches from the hits)."""
    if not _searching(lead_filter):
        return reads.page_leads(conn, lead_filter, sort, now, offset, limit, total)
    parts = _search_parts(conn, lead_filter, now)
    if parts is None or limit <= 0:
        return []
    hits, hits_params, condition, params = parts
    order = reads.order_clause(sort)
    sql = (
        f"{hits}SELECT {ROW_COLUMNS} FROM hits CROSS JOIN lead l ON l.id = hits.id "
        f"WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return [
        reads._row(values)  # the one row decoder, shared with reads
        for values in conn.execute(sql, [*hits_params, *params, limit, max(0, offset)])
    ]


def count_list(conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
    """How many leads match and how many are overdue (searches count the capped hits)."""
    if not _searching(lead_filter):
        return reads.count_leads(conn, lead_filter, now)
    parts = _search_parts(conn, lead_filter, now)
    if parts is None:
        return LeadCounts(0, 0)
    hits, hits_params, condition, params = parts
    start, _end = day_bounds(now)
    total, overdue = conn.execute(
        f"{hits}SELECT count(*), count(CASE WHEN l.next_followup_at < ? THEN 1 END) "
        f"FROM hits CROSS JOIN lead l ON l.id = hits.id WHERE {condition}",
        [*hits_params, format_db_time(start), *params],
    ).fetchone()
    return LeadCounts(int(total), int(overdue or 0), capped=total > reads.SEARCH_CAP)


def matching_ids(
    conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime
) -> tuple[str, list[object]] | None:
    """``SELECT`` of the ids the list shows for a filter (``None``: none); for an export."""
    if not _searching(lead_filter):
        where = reads.where_clause(lead_filter, now)
        return None if where is None else (f"SELECT l.id FROM lead l WHERE {where[0]}", where[1])
    parts = _search_parts(conn, lead_filter, now)
    if parts is None:
        return None
    hits, hits_params, condition, params = parts
    sql = f"{hits}SELECT l.id FROM hits CROSS JOIN lead l ON l.id = hits.id WHERE {condition}"
    return sql, [*hits_params, *params]
