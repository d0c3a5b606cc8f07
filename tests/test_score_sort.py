"""Sorting the list by score: pages join up in score order on both backends, ties broken
by id, leads without a score always below the lowest score (last from the best down)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from conftest import fixed_clock
from paging_checks import assert_pages_join_up
from pg_fixtures import both_backends

from leadtui.domain.filter_query import parse
from leadtui.domain.rows import LeadFilter, LeadRow, LeadSort, SortKey
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore

pytestmark = both_backends

BASE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def leads(store: LeadStore) -> LeadStore:
    rng = random.Random(15)
    store.imports.bulk_insert_leads(
        {
            "first_name": f"Lead {i}",
            "stage": rng.choice(("new", "contacted", "qualified")),
            # Few distinct scores: ties everywhere.
            "score": rng.choice((0, 5, 40, 41, 77, 100)),
            "created_at": BASE + timedelta(hours=rng.randrange(300)),
        }
        for i in range(450)
    )
    _unscore(store, "id % 7 = 0")  # as a database from before scoring has them
    return store


def _unscore(store: LeadStore, condition: str) -> None:
    """Clear the score of some leads behind the store's back (fixed SQL text)."""
    from leadtui.storage.postgres.backend import PostgresBackend

    sql = f"UPDATE lead SET score = NULL WHERE {condition}"
    if isinstance(store.backend, PostgresBackend):
        with psycopg.connect(store.backend.url, autocommit=True) as pg:
            pg.execute(sql.encode())
        return
    with sqlite3.connect(store.path) as conn:
        conn.execute(sql)
    conn.close()


def _key(row: LeadRow) -> tuple[int, int, int]:
    """The order by score, unscored lowest, then id: an independent Python sort."""
    return (row.score is not None, row.score or 0, row.id)


def _everything(store: LeadStore, lead_filter: LeadFilter) -> list[LeadRow]:
    total = store.reads.count_list(lead_filter).total
    return store.reads.page_list(lead_filter, LeadSort(SortKey.CREATED), 0, total + 1)


@pytest.mark.parametrize("descending", [True, False], ids=["best-first", "worst-first"])
@pytest.mark.parametrize("filter_text", ["", "stage:new,qualified", "score>40"])
def test_score_pages_join_up_in_score_order(
    leads: LeadStore, descending: bool, filter_text: str
) -> None:
    lead_filter = LeadFilter(query=parse(filter_text))
    rows = _everything(leads, lead_filter)
    expected = [row.id for row in sorted(rows, key=_key, reverse=descending)]
    assert len(expected) > 60
    if not filter_text:
        assert any(row.score is None for row in rows)
    sort = LeadSort(SortKey.SCORE, descending)
    assert_pages_join_up(leads, lead_filter, sort, expected, (1, 23, 100))


def test_unscored_leads_come_last_from_the_best_and_first_from_the_worst(
    leads: LeadStore,
) -> None:
    total = leads.reads.count_list(LeadFilter()).total
    best = leads.reads.page_list(LeadFilter(), LeadSort(SortKey.SCORE, True), 0, total)
    worst = leads.reads.page_list(LeadFilter(), LeadSort(SortKey.SCORE, False), 0, total)
    assert best[0].score == 100 and best[-1].score is None
    assert worst[0].score is None and worst[-1].score == 100
    assert [row.id for row in best] == [row.id for row in reversed(worst)]


def test_score_sort_with_a_search_orders_the_hits(leads: LeadStore) -> None:
    lead_filter = LeadFilter(search="Lead")
    rows = _everything(leads, lead_filter)
    found = leads.reads.page_list(lead_filter, LeadSort(SortKey.SCORE, True), 0, 50)
    assert [row.id for row in found] == [row.id for row in sorted(rows, key=_key, reverse=True)][
        :50
    ]


@pytest.mark.sqlite_only("checks SQLite's schema step")
def test_sqlite_schema_nine_gets_the_score_sort_index(leads: LeadStore) -> None:
    path = leads.path
    leads.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_live_score")
        conn.execute("PRAGMA user_version=9")
    conn.close()
    for _twice in range(2):
        opened = open_store(path, clock=fixed_clock)
        opened.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM lead l WHERE l.deleted_at IS NULL "
            "ORDER BY l.score DESC, l.id DESC LIMIT 50"
        ).fetchall()
    conn.close()
    assert "ix_live_score" in str(plan)
    assert sorted(backup_dir(path).glob("*pre-migration-v9*.db"))


def test_postgres_schema_nine_rebuilds_the_score_index(pg_url: str) -> None:
    open_store(pg_url, clock=fixed_clock).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP INDEX ix_live_score")
        conn.execute("CREATE INDEX ix_live_score ON lead (score, id) WHERE deleted_at IS NULL")
        conn.execute("UPDATE leadtui_schema SET version = 9")
    for _twice in range(2):  # the second opening changes nothing
        open_store(pg_url, clock=fixed_clock).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        (definition,) = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_live_score'"
        ).fetchone() or ("",)
        plan = " ".join(
            line
            for (line,) in conn.execute(
                "EXPLAIN SELECT id FROM lead l WHERE l.deleted_at IS NULL "
                "ORDER BY l.score DESC NULLS LAST, l.id DESC LIMIT 50"
            )
        )
        assert conn.execute("SELECT max(version) FROM leadtui_schema").fetchone() == (
            SCHEMA_VERSION,
        )
    assert "score NULLS FIRST" in definition
    assert "ix_live_score" in plan and "Sort" not in plan.replace("Scan", "")
