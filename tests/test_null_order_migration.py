"""Schema step 9 → 10: PostgreSQL's list indexes on nullable columns sort NULLs first
(the list's email and last-activity sorts then walk them); SQLite has nothing to change
but is backed up and moves to version 10 as every migration does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
from conftest import fixed_clock

from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort, SortKey
from leadtui.launch import open_store
from leadtui.storage.postgres.migrate_null_order import nulls_first_indexes
from leadtui.storage.schema_version import SCHEMA_VERSION

OLD = (
    "CREATE INDEX ix_live_email ON lead (leadtui_nocase(email), id) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_live_activity ON lead (last_activity_at, id) WHERE deleted_at IS NULL",
)


def _index_definitions(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    rows = conn.execute(
        "SELECT indexdef FROM pg_indexes WHERE indexname IN ('ix_live_email', 'ix_live_activity')"
        " ORDER BY indexname"
    )
    return [str(definition) for (definition,) in rows]


def test_postgres_schema_nine_is_migrated(pg_url: str) -> None:
    store = open_store(pg_url, clock=fixed_clock)
    store.leads.add_lead(LeadInput(first_name="Sin", email=None))
    store.leads.add_lead(LeadInput(first_name="Con", email="con@example.org"))
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for statement in OLD:
            conn.execute(f"DROP INDEX {statement.split()[2]}".encode())
            conn.execute(statement.encode())
        conn.execute("UPDATE leadtui_schema SET version = 9")
        assert not any("NULLS FIRST" in found for found in _index_definitions(conn))
    store = open_store(pg_url, clock=fixed_clock)
    try:
        rows = store.reads.page_list(LeadFilter(), LeadSort(SortKey.EMAIL, False), 0, 10)
        assert [row.first_name for row in rows] == ["Sin", "Con"]  # NULLs first, as SQLite
    finally:
        store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT max(version) FROM leadtui_schema").fetchone() == (
            SCHEMA_VERSION,
        )
        definitions = _index_definitions(conn)
        assert len(definitions) == 2 and all("NULLS FIRST" in found for found in definitions)
        nulls_first_indexes(conn)  # idempotent
        assert _index_definitions(conn) == definitions


def test_sqlite_schema_nine_is_backed_up_and_opened(db_path: Path) -> None:
    store = open_store(db_path, clock=fixed_clock)
    store.leads.add_lead(LeadInput(first_name="Before"))
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version=9")
    conn.commit()
    conn.close()
    store = open_store(db_path, clock=fixed_clock)
    try:
        assert store.reads.count_list(LeadFilter()).total == 1
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        conn.close()
    assert sorted(db_path.parent.glob("backups/*pre-migration-v9*.db"))
