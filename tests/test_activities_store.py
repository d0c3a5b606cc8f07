"""The editable timeline (store.activities): edit, delete and their undo, on both backends;
an edited entry says when and what; a schema-6 database gains the edit columns."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from conftest import DEMO_NOW, fixed_clock
from pg_fixtures import both_backends

from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadInput, TimelineEntry
from leadtui.domain.validation import ValidationError
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore


def made(store: LeadStore) -> tuple[int, int]:
    lead_id = store.leads.add_lead(LeadInput(first_name="Ana")).id
    assert lead_id is not None
    logged = store.agenda.log_touch(lead_id, "call", "wants a quote")
    assert logged.activity_id is not None
    return lead_id, logged.activity_id


def activity(store: LeadStore, lead_id: int, activity_id: int) -> TimelineEntry | None:
    detail = store.reads.lead_detail(lead_id)
    assert detail is not None
    return next((e for e in detail.timeline if e.kind == "activity" and e.id == activity_id), None)


@both_backends
def test_edit_says_what_changed_and_undo_restores_everything(store: LeadStore) -> None:
    lead_id, activity_id = made(store)
    earlier = DEMO_NOW - timedelta(days=2)
    edit = store.activities.edit(activity_id, kind="meeting", body="wants two quotes", at=earlier)
    assert edit is not None and edit.changed == ("kind", "at", "body")
    found = activity(store, lead_id, activity_id)
    assert found is not None
    assert (found.activity_kind, found.body, found.at) == ("meeting", "wants two quotes", earlier)
    assert found.edited_at == DEMO_NOW and found.edited_fields == "kind,at,body"
    row = store.reads.lead_row(lead_id)
    assert row is not None and row.last_activity_at == earlier
    store.activities.undo_edit(edit)
    back = activity(store, lead_id, activity_id)
    assert back is not None
    assert (back.activity_kind, back.body, back.edited_at) == ("call", "wants a quote", None)
    row = store.reads.lead_row(lead_id)
    assert row is not None and row.last_activity_at == DEMO_NOW


@both_backends
def test_an_edit_that_changes_nothing_writes_nothing(store: LeadStore) -> None:
    lead_id, activity_id = made(store)
    assert store.activities.edit(activity_id, kind="call", body="wants a quote") is None
    found = activity(store, lead_id, activity_id)
    assert found is not None and found.edited_at is None


@both_backends
def test_delete_and_restore_under_the_same_id(store: LeadStore) -> None:
    lead_id, activity_id = made(store)
    state = store.activities.delete(activity_id)
    assert activity(store, lead_id, activity_id) is None
    row = store.reads.lead_row(lead_id)
    assert row is not None and row.last_activity_at is None
    store.activities.restore(state)
    found = activity(store, lead_id, activity_id)
    assert found is not None and found.body == "wants a quote"
    row = store.reads.lead_row(lead_id)
    assert row is not None and row.last_activity_at == DEMO_NOW


@both_backends
def test_history_entries_are_refused(store: LeadStore) -> None:
    lead_id = store.leads.add_lead(LeadInput(first_name="Ana")).id
    assert lead_id is not None
    change = store.agenda.schedule_followup(lead_id, DEMO_NOW + timedelta(days=3), "send quote")
    assert change.entry_id is not None
    with pytest.raises(ValidationError, match="history"):
        store.activities.edit(change.entry_id, body="x")
    with pytest.raises(ValidationError, match="history"):
        store.activities.delete(change.entry_id)
    with pytest.raises(NotFoundError):
        store.activities.delete(999999)
    with pytest.raises(ValidationError):
        store.activities.edit(change.entry_id, kind="followup")


def test_sqlite_schema_six_gains_the_edit_columns(db_path: Path) -> None:
    store = open_store(db_path, clock=fixed_clock)
    _lead, activity_id = made(store)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE activity DROP COLUMN edited_at")
    conn.execute("ALTER TABLE activity DROP COLUMN edited_fields")
    conn.execute("PRAGMA user_version=6")
    conn.commit()
    conn.close()
    store = open_store(db_path, clock=fixed_clock)
    try:
        assert store.activities.edit(activity_id, body="edited after the migration") is not None
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("SELECT edited_fields FROM activity").fetchone() == ("body",)
    finally:
        conn.close()
    assert sorted(backup_dir(db_path).glob("*pre-migration-v6*.db"))


def test_the_sqlite_step_is_idempotent(db_path: Path) -> None:
    from leadtui.storage.sqlite.db import MIGRATIONS

    open_store(db_path, clock=fixed_clock).close()
    conn = sqlite3.connect(db_path)
    try:
        MIGRATIONS[6](conn)
        MIGRATIONS[6](conn)
    finally:
        conn.close()


def test_postgres_schema_six_is_migrated(pg_url: str) -> None:
    store = open_store(pg_url, clock=fixed_clock)
    _lead, activity_id = made(store)
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE activity DROP COLUMN edited_at")
        conn.execute("ALTER TABLE activity DROP COLUMN edited_fields")
        conn.execute("UPDATE leadtui_schema SET version = 6")
    store = open_store(pg_url, clock=fixed_clock)
    try:
        assert store.activities.edit(activity_id, body="edited after the migration") is not None
    finally:
        store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        found = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        assert found == (SCHEMA_VERSION,)
    open_store(pg_url, clock=fixed_clock).close()
