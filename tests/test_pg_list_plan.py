"""The list's pages on PostgreSQL walk an index, in both directions (issue #17, 1M).

With sorting made prohibitively expensive (``enable_sort = off``), the plan of a list
page has no Sort node exactly when an index delivers the rows in the page's order: the
plan is checked, not a time. Email and last activity can be NULL and keep SQLite's NULL
order through their NULLS FIRST indexes (schema step 9 → 10).
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from conftest import fixed_clock

from leadtui.domain.rows import LeadFilter, LeadSort, SortKey
from leadtui.storage.postgres.list_order import order_clause
from leadtui.storage.postgres.reads import ROW_COLUMNS, where_clause

INDEXED = [
    SortKey.CREATED,
    SortKey.NAME,
    SortKey.COMPANY,
    SortKey.EMAIL,
    SortKey.FOLLOWUP,
    SortKey.LAST_ACTIVITY,
    SortKey.VALUE,
]


@pytest.fixture
def conn(pg_demo_url: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A connection on the sample data where a sort costs more than any index walk."""
    with psycopg.connect(pg_demo_url, autocommit=True) as opened:
        opened.execute("SET enable_sort = off")
        yield opened


def plan(conn: psycopg.Connection[tuple[object, ...]], sort: LeadSort) -> str:
    """EXPLAIN of the list page for ``sort`` (the first 100 rows, as the list reads it)."""
    where = where_clause(LeadFilter(), fixed_clock())
    assert where is not None
    condition, params = where
    sql = (
        f"EXPLAIN SELECT {ROW_COLUMNS} FROM lead l WHERE {condition} "
        f"ORDER BY {order_clause(sort)} LIMIT 100 OFFSET 0"
    )
    return "\n".join(str(row[0]) for row in conn.execute(sql.encode(), params))


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", INDEXED, ids=[key.value for key in INDEXED])
def test_a_list_page_walks_an_index(
    conn: psycopg.Connection[tuple[object, ...]], key: SortKey, descending: bool
) -> None:
    shown = plan(conn, LeadSort(key, descending))
    assert "Sort" not in shown and "Index" in shown, shown


def test_nullable_sorts_keep_sqlites_null_order(
    conn: psycopg.Connection[tuple[object, ...]],
) -> None:
    clause = order_clause(LeadSort(SortKey.EMAIL, False))
    assert clause == "leadtui_nocase(l.email) NULLS FIRST, l.id"
    assert order_clause(LeadSort(SortKey.EMAIL, True)) == (
        "leadtui_nocase(l.email) DESC NULLS LAST, l.id DESC"
    )
    assert order_clause(LeadSort(SortKey.FOLLOWUP, True)) == (
        "l.next_followup_at IS NULL DESC, l.next_followup_at DESC, l.id DESC"
    )
