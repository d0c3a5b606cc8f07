"""A search's pass over its hits reads the narrow hit-keys index (schema 14, SQLite) when
the sort and the filter need nothing else, and finds exactly what the row would give."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from conftest import fixed_clock

from leadtui.domain.filter_query import parse
from leadtui.domain.rows import LeadFilter, LeadSort, SortKey
from leadtui.launch import open_store
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.storage.sqlite import list_queries
from leadtui.store import LeadStore

BASE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
WORDS = ("maria", "mario", "marta", "garcia", "gomez", "acme", "ana")


@pytest.fixture
def leads(store: LeadStore) -> LeadStore:
    rng = random.Random(14)
    store.imports.bulk_insert_leads(
        {
            "first_name": rng.choice(WORDS).title(),
            "last_name": rng.choice(WORDS).title(),
            "company": rng.choice(("Acme", "Mar Azul", "")),
            "stage": rng.choice(("new", "contacted", "qualified")),
            "created_at": BASE + timedelta(hours=rng.randrange(100)),  # ties on purpose
            "next_followup_at": rng.choice((None, BASE + timedelta(days=rng.randrange(-9, 9)))),
        }
        for _ in range(600)
    )
    return store


FILTERS = ["mar", "ga", "ana acme", "mar stage:new", "acme -stage:qualified", "due:overdue ma"]
SORTS = [LeadSort(key, descending) for key in SortKey for descending in (False, True)]


@pytest.mark.parametrize("text", FILTERS)
def test_pages_and_counts_match_the_row_path(
    leads: LeadStore, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead_filter = LeadFilter(query=parse(text))
    indexed = [
        (
            [row.id for row in leads.reads.page_list(lead_filter, sort, offset, 40)],
            leads.reads.count_list(lead_filter),
        )
        for sort in SORTS
        for offset in (0, 40, 200)
    ]
    monkeypatch.setattr(list_queries, "_hit_lookup", lambda _filter, _sort: "lead l")
    leads.release_reader()  # no memo of the indexed pass answers the row path's count
    by_row = [
        (
            [row.id for row in leads.reads.page_list(lead_filter, sort, offset, 40)],
            leads.reads.count_list(lead_filter),
        )
        for sort in SORTS
        for offset in (0, 40, 200)
    ]
    assert indexed == by_row
    assert any(ids for ids, _counts in indexed)


def _plan(conn: sqlite3.Connection, lead_filter: LeadFilter, sort: LeadSort | None) -> str:
    lookup = list_queries._hit_lookup(lead_filter, sort)
    rows = conn.execute(
        f"EXPLAIN QUERY PLAN SELECT l.id, l.created_at FROM lead_fts f CROSS JOIN {lookup} "
        "ON l.id = f.rowid WHERE l.deleted_at IS NULL AND lead_fts MATCH 'mar*'"
    ).fetchall()
    return str(rows)


def test_the_index_serves_plain_searches_only(leads: LeadStore) -> None:
    path = leads.path
    with sqlite3.connect(path) as conn:
        plain = LeadFilter(query=parse("mar"))
        assert "ix_live_hit_keys" in _plan(conn, plain, LeadSort())
        assert "ix_live_hit_keys" in _plan(conn, plain, None)  # the count
        assert "ix_live_hit_keys" in _plan(conn, plain, LeadSort(SortKey.FOLLOWUP))
        assert "ix_live_hit_keys" not in _plan(conn, plain, LeadSort(SortKey.NAME))
        staged = LeadFilter(query=parse("mar stage:new"))
        assert "ix_live_hit_keys" not in _plan(conn, staged, LeadSort())
    conn.close()


def test_schema_thirteen_gets_the_index(leads: LeadStore) -> None:
    path = leads.path
    leads.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_live_hit_keys")
        conn.execute("PRAGMA user_version=13")
    conn.close()
    for _twice in range(2):  # the second opening changes nothing
        opened = open_store(path, clock=fixed_clock)
        assert opened.reads.count_list(LeadFilter(search="mar")).total > 0
        opened.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "ix_live_hit_keys" in names
