"""List queries for searches, driven from the full-text hits (no Textual here).

``reads.page_leads`` with a search walks a sort index and probes each row
against the hit list: at a million leads a common prefix makes that walk (and
the count) cost seconds. Here the capped FTS hits come first and each is
looked up by rowid, so a search costs at most ``SEARCH_CAP`` lookups at any
table size. Those lookups are most of a search's cost, so the page's one pass over the
hits also counts them (:class:`SearchMemo`): the count that follows the page on the
same connection is free while nothing was committed. Searches without text go to
:mod:`leadtui.storage.sqlite.reads` unchanged.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import msgspec

from leadtui.domain.filter_query import FilterQuery, Key, Match
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadCounts, LeadFilter, LeadRow, LeadSort, SortKey
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.storage.filter_sql import filter_words, text_hits, without_text
from leadtui.storage.sqlite import reads
from leadtui.storage.sqlite.filter_counts import count_filter
from leadtui.storage.sqlite.filter_dialect import SQLITE
from leadtui.storage.sqlite.reads import ROW_COLUMNS
from leadtui.storage.sqlite.schema import HIT_KEYS

_HIT_KEY_SORTS = frozenset({SortKey.CREATED, SortKey.FOLLOWUP})
"""Sorts whose keys are all in the hit-keys index (with the id and the follow-up)."""


def _hit_lookup(lead_filter: LeadFilter, sort: LeadSort | None) -> str:
    """How a search's pass reads its hits' rows: from the narrow hit-keys index when the
    sort and the filter need nothing else (5-7 ms less per pass at 1M), else the row."""
    plain = without_text(lead_filter) == LeadFilter()
    if plain and (sort is None or sort.key in _HIT_KEY_SORTS):
        return f"lead l INDEXED BY {HIT_KEYS}"
    return "lead l"


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


class SearchMemo(msgspec.Struct, frozen=True):
    """The counts a search page found, valid on ``conn`` while ``data_version`` holds."""

    conn: sqlite3.Connection
    key: tuple[LeadFilter, str]
    data_version: int
    counts: LeadCounts

    def answers(self, conn: sqlite3.Connection, key: tuple[LeadFilter, str]) -> bool:
        """True when these counts are what a count of ``key`` on ``conn`` would find now.

        ``data_version`` changes on any commit by another connection (this one only reads).
        """
        return conn is self.conn and key == self.key and _data_version(conn) == self.data_version


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _memo_key(lead_filter: LeadFilter, now: datetime) -> tuple[LeadFilter, str]:
    # The day start is all of ``now`` a filter's SQL uses (due:, overdue).
    return lead_filter, format_db_time(day_bounds(now)[0])


def _found_columns(sort: LeadSort) -> tuple[str, str]:
    """The sort keys as columns of the hits (``s0``, ``s1``…) and the ORDER BY over them."""
    direction = " DESC" if sort.descending else ""
    columns, order = [], []
    for index, term in enumerate(reads._SORT_TERMS[sort.key]):
        expr, _sep, collation = term.partition(" COLLATE ")
        columns.append(f"{expr} AS s{index}")
        order.append(f"s{index}" + (f" COLLATE {collation}" if collation else "") + direction)
    return ", ".join(columns), ", ".join([*order, f"id{direction}"])


def page_list(
    conn: sqlite3.Connection,
    lead_filter: LeadFilter,
    sort: LeadSort,
    now: datetime,
    offset: int,
    limit: int,
    total: int | None = None,
) -> tuple[list[LeadRow], SearchMemo | None]:
    """Rows ``offset .. offset+limit`` of the filtered, sorted list (searches from the hits).

    A search also returns the counts its pass over the hits found (``None`` otherwise).
    """
    if not _searching(lead_filter):
        return reads.page_leads(conn, lead_filter, sort, now, offset, limit, total), None
    parts = _search_parts(conn, lead_filter, now)
    if parts is None or limit <= 0:
        return [], None
    version = _data_version(conn)  # before the read: a commit meanwhile voids the memo
    hits, hits_params, condition, params = parts
    columns, found_order = _found_columns(sort)
    start, _end = day_bounds(now)
    # Each hit is looked up once, for its sort keys and follow-up only; the page's full
    # rows are read for its ``limit`` ids (re-sorted: the same keys, the same order).
    sql = (
        f"{hits}, found AS MATERIALIZED (SELECT l.id AS id, {columns}, "
        "CASE WHEN l.next_followup_at < ? THEN 1 END AS late "
        f"FROM hits CROSS JOIN {_hit_lookup(lead_filter, sort)} ON l.id = hits.id "
        f"WHERE {condition}), "
        f"page AS (SELECT id FROM found ORDER BY {found_order} LIMIT ? OFFSET ?) "
        f"SELECT {ROW_COLUMNS}, (SELECT count(*) FROM found), (SELECT count(late) FROM found) "
        f"FROM page CROSS JOIN lead l ON l.id = page.id ORDER BY {reads.order_clause(sort)}"
    )
    found = conn.execute(
        sql, [*hits_params, format_db_time(start), *params, limit, max(0, offset)]
    ).fetchall()
    rows = [reads._row(values[:-2]) for values in found]  # the one row decoder, shared
    if found:
        matched, late = int(found[0][-2]), int(found[0][-1])
    elif offset <= 0:
        matched, late = 0, 0  # the first page is empty only when nothing matched
    else:
        return rows, None
    counts = LeadCounts(matched, late, capped=matched > reads.SEARCH_CAP)
    return rows, SearchMemo(conn, _memo_key(lead_filter, now), version, counts)


def _stage_terms(conn: sqlite3.Connection, lead_filter: LeadFilter) -> tuple[str, ...] | None:
    """The stages a filter of only stages (``stage:a,b`` / ``-stage:c`` terms and/or ``stages``)
    allows, in sorted order; ``None`` when anything else narrows it.

    ``stage:qualified`` counted as a query term read every qualified lead's row (0.9 s at a
    million leads, 4 s for two stages); as ``stages`` it is two index-only counts (~50 ms).
    ``-stage:lost`` is every other stage (a lead's stage is a stage key: a foreign key).
    """
    terms = lead_filter.query.terms
    if not terms or replace(lead_filter, stages=(), query=FilterQuery()) != LeadFilter():
        return None
    allowed = set(lead_filter.stages) if lead_filter.stages else None
    for term in terms:
        if not (isinstance(term, Match) and term.key is Key.STAGE):
            return None
        if term.negated:
            known = {stage.key for stage in reads.stages(conn)} if allowed is None else allowed
            allowed = known - set(term.values)
        else:
            allowed = set(term.values) if allowed is None else allowed & set(term.values)
    return tuple(sorted(allowed or ()))


def count_list(
    conn: sqlite3.Connection,
    lead_filter: LeadFilter,
    now: datetime,
    memo: SearchMemo | None = None,
) -> LeadCounts:
    """How many leads match and how many are overdue (searches count the capped hits).

    ``memo`` is the last search page's; its counts are taken when they still answer.
    """
    if not _searching(lead_filter):
        stages = _stage_terms(conn, lead_filter)
        if stages is not None and not stages:
            return LeadCounts(0, 0)  # stage terms no stage meets (an empty tuple means "any")
        if stages is not None:  # the header's two index-only counts, not a CASE on each row
            return reads.count_leads(conn, LeadFilter(stages=stages), now)
        return count_filter(conn, lead_filter, now)
    if memo is not None and memo.answers(conn, _memo_key(lead_filter, now)):
        return memo.counts
    parts = _search_parts(conn, lead_filter, now)
    if parts is None:
        return LeadCounts(0, 0)
    hits, hits_params, condition, params = parts
    start, _end = day_bounds(now)
    total, overdue = conn.execute(
        f"{hits}SELECT count(*), count(CASE WHEN l.next_followup_at < ? THEN 1 END) "
        f"FROM hits CROSS JOIN {_hit_lookup(lead_filter, None)} ON l.id = hits.id "
        f"WHERE {condition}",
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
