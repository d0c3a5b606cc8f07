"""A schema-1 database (before the merge tables) is backed up and migrated, on both backends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
from conftest import fixed_clock
from schema_v1 import V2_TABLES, downgrade_to_v1

from leadtui.domain.rows import LeadInput
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION


def test_a_v1_sqlite_file_is_backed_up_then_gets_the_merge_tables(db_path: Path) -> None:
    opened = open_store(db_path, clock=fixed_clock)
    first = opened.leads.add_lead(LeadInput(first_name="Ana", last_name="Gil", company="Acme")).id
    second = opened.leads.add_lead(LeadInput(first_name="ana", last_name="gil", company="ACME")).id
    opened.close()
    downgrade_to_v1(db_path)

    store = open_store(db_path, clock=fixed_clock)
    try:
        assert first is not None and second is not None
        store.merges.unmerge(store.merges.merge(first, second).merge_id)  # the new tables work
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert set(V2_TABLES) <= names
    finally:
        conn.close()
    (backup,) = sorted(backup_dir(db_path).glob("*pre-migration-v1*.db"))
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM lead").fetchone() == (2,)
    finally:
        conn.close()


def test_a_v1_postgres_database_gets_the_merge_tables(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for table in V2_TABLES:
            conn.execute(f"DROP TABLE {table}".encode())
        conn.execute("UPDATE leadtui_schema SET version = 1")
    store = open_store(pg_url, clock=fixed_clock)
    try:
        first = store.leads.add_lead(LeadInput(first_name="Ana", last_name="Gil")).id
        second = store.leads.add_lead(LeadInput(first_name="Luis", last_name="Gil")).id
        assert first is not None and second is not None
        assert store.duplicates.mark_not_duplicate(first, second)
    finally:
        store.close()
    with psycopg.connect(pg_url) as conn:
        version = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }
    assert version == (SCHEMA_VERSION,) and set(V2_TABLES) <= tables
