"""A write on a connection whose schema another connection changed meanwhile (SQLite).

A bulk load drops and recreates the search-index triggers, so the ORM connection of
the same program (or of another leadtui open on the file) holds a stale schema.
Its next ``INSERT INTO lead`` used to fail with "no such table: lead" once the lead
table had a trigger older than the search trigger (the summary triggers): the crash
test's children failed that way after an import. Every write now brings its
connection's schema up to date first (``connect.begin_write``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadInput
from leadtui.launch import open_store
from leadtui.storage.sqlite.connect import begin_write, connect_sqlite

SEARCH_TRIGGER = (
    "CREATE TRIGGER lead_fts_ai AFTER INSERT ON lead BEGIN "
    "INSERT INTO lead_fts(rowid, first_name) VALUES (new.id, new.first_name); END"
)
OTHER_TRIGGER = (
    "CREATE TRIGGER counted AFTER INSERT ON lead BEGIN "
    "INSERT INTO tally (name, n) VALUES (new.first_name, 1) "
    "ON CONFLICT (name) DO UPDATE SET n = n + 1; END"
)


def test_add_after_a_bulk_load_by_another_connection(tmp_path: Path) -> None:
    """Warm ORM connection, an import on its own connection, then writes: all saved."""
    store = open_store(tmp_path / "stale.db")
    try:
        store.imports.bulk_insert_leads({"first_name": f"Base {i}"} for i in range(5))
        store.warm_up()  # the ORM's connection loads the schema (its PRAGMAs read it)
        store.imports.bulk_insert_leads({"first_name": f"Imp {i}"} for i in range(20))
        first = store.leads.add_lead(LeadInput(first_name="After an import", company="Co"))
        store.imports.bulk_insert_leads({"first_name": f"Imp1 {i}"} for i in range(20))
        added = store.leads.add_lead(LeadInput(first_name="After another", company="Co"))
        assert first.id is not None and added.id is not None
        data, version = store.leads.lead_input(first.id)
        edited = store.leads.update_lead(first.id, version, replace(data, company="X"))
        store.imports.bulk_insert_leads({"first_name": f"Imp2 {i}"} for i in range(20))
        moved = store.pipeline.move_lead(added.id, "won", "after an import")
        first_id, added_id = first.id, added.id
        kept, recomputed = store.metrics.kept_and_recomputed()
    finally:
        store.close()
    assert added_id > first_id and edited.company == "X" and moved is not None
    assert kept == recomputed


@pytest.mark.parametrize("search_first", [True, False], ids=["search-older", "search-newer"])
def test_begin_write_compiles_against_the_current_schema(
    tmp_path: Path, search_first: bool
) -> None:
    """Both orders of two insert triggers: the stale connection's insert succeeds."""
    path = tmp_path / "raw.db"
    setup = connect_sqlite(path)
    setup.execute("CREATE TABLE lead (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL)")
    setup.execute("CREATE TABLE tally (name TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    setup.execute(
        "CREATE VIRTUAL TABLE lead_fts USING fts5(first_name, content=lead, content_rowid=id)"
    )
    for ddl in (SEARCH_TRIGGER, OTHER_TRIGGER) if search_first else (OTHER_TRIGGER, SEARCH_TRIGGER):
        setup.execute(ddl)
    setup.close()
    stale = connect_sqlite(path)  # its PRAGMAs load the schema now
    other = connect_sqlite(path)
    other.execute("CREATE TABLE elsewhere (a)")
    other.close()
    try:
        begin_write(stale)
        stale.execute("INSERT INTO lead (first_name) VALUES ('Ana')")
        stale.execute("COMMIT")
        assert stale.execute("SELECT name, n FROM tally").fetchall() == [("Ana", 1)]
        hits = stale.execute("SELECT rowid FROM lead_fts WHERE lead_fts MATCH 'ana'")
        assert hits.fetchall() == [(1,)]
    finally:
        stale.close()
    assert sqlite3.sqlite_version_info >= (3, 35)
