"""The fixed DDL that creates a database without the ORM matches the SQLModel models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlmodel import SQLModel

import leadtui.storage.models  # noqa: F401  (registers every table on the metadata)
from leadtui.storage.sqlite.connect import make_engine, sqlite_url
from leadtui.storage.sqlite.db import create_schema
from leadtui.storage.sqlite.tables import TABLES_DDL


def master(path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()


def test_tables_ddl_is_what_the_models_create(tmp_path: Path) -> None:
    """When a model changes, this fails and prints the statements for storage/sqlite/tables.py."""
    path = tmp_path / "orm.db"
    engine = make_engine(sqlite_url(path))
    try:
        SQLModel.metadata.create_all(engine)
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        from_models = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
            )
        ]
    finally:
        conn.close()
    # A table's indexes come out in set order (it varies between runs): compare as sets.
    assert sorted(TABLES_DDL) == sorted(from_models), "\n\n".join(from_models)


def test_a_new_database_has_every_table_index_trigger_and_stage(tmp_path: Path) -> None:
    """create_schema builds the models' tables plus the search index and list indexes."""
    path = tmp_path / "new.db"
    create_schema(path)
    kinds = {(kind, name) for kind, name, _table, _sql in master(path)}
    for table in SQLModel.metadata.tables:
        assert ("table", table) in kinds
    assert ("table", "lead_fts") in kinds
    assert {"lead_fts_ai", "lead_fts_ad", "lead_fts_au"} <= {
        name for kind, name in kinds if kind == "trigger"
    }
    conn = sqlite3.connect(path)
    try:
        assert conn.execute(
            "SELECT key, position, kind FROM stage ORDER BY position"
        ).fetchall() == [
            ("new", 0, "open"),
            ("contacted", 1, "open"),
            ("qualified", 2, "open"),
            ("proposal", 3, "open"),
            ("won", 4, "won"),
            ("lost", 5, "lost"),
        ]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
