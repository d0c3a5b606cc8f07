"""A schema-1 database (no cadence table, no going-cold index) opens, is backed up, migrates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
from conftest import fixed_clock

from leadtui.domain.agenda import AgendaSection
from leadtui.domain.rows import LeadInput
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION


def _schema_one_sqlite(path: Path) -> None:
    store = open_store(path, clock=fixed_clock)
    store.leads.add_lead(LeadInput(first_name="Before"))
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX ix_live_stage_activity")
    conn.execute("DROP TABLE stagecadence")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()


def test_sqlite_schema_one_is_backed_up_and_migrated(db_path: Path) -> None:
    _schema_one_sqlite(db_path)
    store = open_store(db_path, clock=fixed_clock)
    try:
        store.agenda.set_cadence("new", 2, 5)
        assert store.reads.agenda_count(AgendaSection.NO_NEXT_STEP) == 1
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        assert {"stagecadence", "ix_live_stage_activity"} <= names
    finally:
        conn.close()
    (backup,) = sorted(backup_dir(db_path).glob("*pre-migration-v1*.db"))
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert conn.execute("SELECT first_name FROM lead").fetchall() == [("Before",)]
    finally:
        conn.close()


def test_the_sqlite_step_is_idempotent(db_path: Path) -> None:
    from leadtui.storage.sqlite.migrate_cadence import add_cadences

    open_store(db_path, clock=fixed_clock).close()
    conn = sqlite3.connect(db_path)
    try:
        add_cadences(conn)
        add_cadences(conn)
    finally:
        conn.close()


def test_postgres_schema_one_is_migrated(pg_url: str) -> None:
    store = open_store(pg_url, clock=fixed_clock)
    store.leads.add_lead(LeadInput(first_name="Before"))
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP INDEX ix_live_stage_activity")
        conn.execute("DROP TABLE stagecadence")
        conn.execute("UPDATE leadtui_schema SET version = 1")
    store = open_store(pg_url, clock=fixed_clock)
    try:
        store.agenda.set_cadence("new", 2, 5)
        assert store.reads.agenda_count(AgendaSection.NO_NEXT_STEP) == 1
    finally:
        store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        found = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        assert found == (SCHEMA_VERSION,)
    open_store(pg_url, clock=fixed_clock).close()  # opening again changes nothing
