"""Schema step 9 → 10 on SQLite: the search index is made again with 3-letter prefixes;
the file is backed up first, every lead is found as before, and the step is idempotent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.storage.sqlite.migrate_search_prefix import (
    has_search_prefixes,
    widen_search_prefixes,
)

OLD_FTS = (
    "CREATE VIRTUAL TABLE lead_fts USING fts5(first_name, last_name, email, company, "
    "content='lead', content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
    "prefix='1 2')"
)
"""The search index as schema 9 wrote it."""


def make_schema_9(db_path: Path) -> None:
    """A database with three leads whose search index is schema 9's."""
    store = open_store(db_path)
    for first, company in (("Marta", "Acme"), ("Mario", "Zeta"), ("Ana", "Marítima")):
        store.leads.add_lead(LeadInput(first_name=first, last_name="Ruiz", company=company))
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE lead_fts")
    conn.execute(OLD_FTS)
    conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('rebuild')")
    conn.execute("PRAGMA user_version=9")
    conn.commit()
    conn.close()


def test_a_schema_9_file_gets_three_letter_prefixes_and_finds_the_same(db_path: Path) -> None:
    make_schema_9(db_path)
    with sqlite3.connect(db_path) as conn:
        assert not has_search_prefixes(conn)
    store = open_store(db_path)
    try:
        found = store.reads.page_list(LeadFilter(search="mar"), LeadSort(), 0, 10)
        assert sorted(row.first_name for row in found) == ["Ana", "Mario", "Marta"]
        assert store.reads.count_list(LeadFilter(search="mari")).total == 2  # Mario, Marítima
        store.leads.add_lead(LeadInput(first_name="Marco"))  # the triggers still feed the index
        assert store.reads.count_list(LeadFilter(search="marc")).total == 1
        store.backend.check_search_index()
    finally:
        store.close()
    with sqlite3.connect(db_path) as conn:
        assert has_search_prefixes(conn)
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert sorted(backup_dir(db_path).glob("*pre-migration-v9*.db"))


def test_the_step_is_idempotent(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    try:
        before = conn.execute("SELECT count(*) FROM lead_fts_data").fetchone()
        widen_search_prefixes(conn)
        widen_search_prefixes(conn)
        assert has_search_prefixes(conn)
        assert conn.execute("SELECT count(*) FROM lead_fts_data").fetchone() == before
    finally:
        conn.close()
