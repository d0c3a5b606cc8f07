"""List queries for searches, driven from the full-text hits (no Textual here).

``reads.page_leads`` with a search walks a sort index and probes each row
against the hit list: at a million leads a common prefix makes that walk (and
the count) cost seconds. Here the capped FTS hits come first and each is
looked up by rowid, so a search costs at most ``SEARCH_CAP`` lookups at any
table size. Searches without text go to :mod:`leadtui.storage.sqlite.reads` unchanged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from leadtui.domain.rows import LeadCounts, LeadFilter, LeadRow, LeadSort
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.storage.sqlite import reads
from leadtui.storage.sqlite.reads import ROW_COLUMNS
from leadtui.storage.sqlite.schema import fts_query

_HITS = "WITH hits(id) AS MATERIALIZED (SELECT rowid FROM lead_fts WHERE lead_fts MATCH ? LIMIT ?) "


def _search_parts(lead_filter: LeadFilter, now: datetime) -> tuple[str, list[object]] | None:
    query = fts_query(lead_filter.search)
    where = reads.where_clause(replace(lead_filter, search=""), now)
    if query is None or where is None:
        return None
    condition, params = where
    return condition, [query, reads.SEARCH_CAP + 1, *params]


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
    if not lead_filter.search.strip():
        return reads.page_leads(conn, lead_filter, sort, now, offset, limit, total)
    parts = _search_parts(lead_filter, now)
    if parts is None or limit <= 0:
        return []
    condition, params = parts
    order = reads.order_clause(sort)
    sql = (
        f"{_HITS}SELECT {ROW_COLUMNS} FROM hits CROSS JOIN lead l ON l.id = hits.id "
        f"WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return [
        reads._row(values)  # the one row decoder, shared with reads
        for values in conn.execute(sql, [*params, limit, max(0, offset)])
    ]


def count_list(conn: sqlite3.Connection, lead_filter: LeadFilter, now: datetime) -> LeadCounts:
    """How many leads match and how many are overdue (searches count the capped hits)."""
    if not lead_filter.search.strip():
        return reads.count_leads(conn, lead_filter, now)
    parts = _search_parts(lead_filter, now)
    if parts is None:
        return LeadCounts(0, 0)
    condition, params = parts
    start, _end = day_bounds(now)
    total, overdue = conn.execute(
        f"{_HITS}SELECT count(*), count(CASE WHEN l.next_followup_at < ? THEN 1 END) "
        f"FROM hits CROSS JOIN lead l ON l.id = hits.id WHERE {condition}",
        [params[0], params[1], format_db_time(start), *params[2:]],
    ).fetchone()
    return LeadCounts(int(total), int(overdue or 0), capped=total > reads.SEARCH_CAP)
