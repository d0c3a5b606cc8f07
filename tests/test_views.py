"""Saved views: stored in the database (both backends), exported in JSON, migrated into v1 files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from conftest import fixed_clock
from pg_fixtures import both_backends

from leadtui.domain.errors import LeadtuiError, NotFoundError
from leadtui.domain.filter_query import FilterSyntaxError
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort, SortKey
from leadtui.io.export import ExportOptions
from leadtui.launch import open_store
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore


@both_backends
class TestStoredViews:
    """A view is a name, a filter in the language and a sort; it travels with the database."""

    def test_save_list_find_replace_delete(self, store: LeadStore) -> None:
        store.views.save_view("Hot", "stage:qualified,proposal score>40", LeadSort(SortKey.VALUE))
        store.views.save_view("ana", "ana", LeadSort(SortKey.NAME, descending=False))
        assert [view.name for view in store.views.views()] == ["ana", "Hot"]
        hot = store.views.view("hot")
        assert hot.filter_text == "stage:qualified,proposal score>40"
        assert hot.sort == LeadSort(SortKey.VALUE, descending=True)
        store.views.save_view("Hot", "due:overdue", LeadSort())
        assert store.views.view("Hot").filter_text == "due:overdue"
        assert len(store.views.views()) == 2
        store.views.delete_view("HOT")
        assert [view.name for view in store.views.views()] == ["ana"]
        with pytest.raises(NotFoundError, match="No saved view"):
            store.views.view("Hot")

    def test_a_view_must_parse_and_have_a_name(self, store: LeadStore) -> None:
        with pytest.raises(FilterSyntaxError, match="Unknown key"):
            store.views.save_view("Bad", "colour:red", LeadSort())
        with pytest.raises(LeadtuiError, match="needs a name"):
            store.views.save_view("   ", "ana", LeadSort())
        assert store.views.views() == []

    def test_a_view_lists_what_its_filter_lists(self, demo_store: LeadStore) -> None:
        demo_store.views.save_view("Late", "due:overdue -stage:won,lost", LeadSort())
        view = demo_store.views.view("Late")
        counts = demo_store.reads.count_list(
            LeadFilter(query=demo_store.views.parse(view.filter_text))
        )
        assert 0 < counts.total == counts.overdue

    def test_views_are_in_the_json_export(self, store: LeadStore, tmp_path: Path) -> None:
        store.leads.add_lead(LeadInput(first_name="Ana", email="ana@example.org"))
        store.views.save_view("Señal", 'tag:"feria 2026" ana', LeadSort(SortKey.NAME, False))
        target = tmp_path / "all.json"
        store.imports.export_leads(target, ExportOptions(format="json"))
        data = json.loads(target.read_text("utf-8"))
        assert len(data["leads"]) == 1
        assert data["views"] == [
            {"name": "Señal", "filter": 'tag:"feria 2026" ana', "sort": "name", "descending": False}
        ]


def test_a_version_1_sqlite_file_is_backed_up_and_gets_the_views_table(db_path: Path) -> None:
    opened = open_store(db_path, clock=fixed_clock)
    opened.leads.add_lead(LeadInput(first_name="Before"))
    opened.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE savedview")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()

    migrated = open_store(db_path, clock=fixed_clock)
    try:
        migrated.views.save_view("All", "", LeadSort())
        assert [view.name for view in migrated.views.views()] == ["All"]
        assert migrated.reads.count_list(LeadFilter()).total == 1
    finally:
        migrated.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    backups = list((db_path.parent / "backups").glob("*pre-migration-v1*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    tables = {name for (name,) in old.execute("SELECT name FROM sqlite_master")}
    assert "savedview" not in tables and old.execute("PRAGMA user_version").fetchone() == (1,)
    old.close()


def test_the_sqlite_step_is_idempotent(db_path: Path) -> None:
    from leadtui.storage.sqlite.migrate_views import add_saved_views

    open_store(db_path, clock=fixed_clock).close()
    conn = sqlite3.connect(db_path)
    add_saved_views(conn)  # the table is there already: nothing happens
    add_saved_views(conn)
    conn.close()


def test_a_version_1_postgres_database_gets_the_views_table(pg_url: str) -> None:
    open_store(pg_url, clock=fixed_clock).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE savedview")
        conn.execute("DELETE FROM leadtui_schema")
        conn.execute("INSERT INTO leadtui_schema (version, created_at) VALUES (1, '2026-01-01')")
    migrated = open_store(pg_url, clock=fixed_clock)
    try:
        migrated.views.save_view("All", "", LeadSort())
        assert [view.name for view in migrated.views.views()] == ["All"]
    finally:
        migrated.close()
    with psycopg.connect(pg_url) as conn:
        found = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        assert found == (SCHEMA_VERSION,)
