"""Team mode in the store (both backends): owners, actors, ``owner:`` filters, schema step 7."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from conftest import fixed_clock
from pg_fixtures import both_backends, store_target

from leadtui.domain.errors import ReadOnlyError
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.domain.validation import ValidationError
from leadtui.launch import open_store
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore


def _owners(store: LeadStore, text: str) -> set[str]:
    lead_filter = LeadFilter(query=store.views.parse(text))
    rows = store.reads.page_list(lead_filter, LeadSort(), 0, 100)
    assert store.reads.count_list(lead_filter).total == len(rows)
    return {row.first_name for row in rows}


@both_backends
class TestOwnersAndActors:
    """New leads are the current user's; every touch and move says who made it."""

    def test_a_new_lead_is_owned_by_me_and_its_history_names_me(self, store: LeadStore) -> None:
        assert store.team.me() == "ana"
        lead = store.leads.add_lead(LeadInput(first_name="Eva"))
        assert lead.id is not None
        store.touches.add_activity(lead.id, "call", "Hello")
        store.pipeline.move_lead(lead.id, "contacted")
        store.agenda.log_touch(lead.id, "email", "Sent the quote")
        detail = store.reads.lead_detail(lead.id)
        assert detail is not None and detail.owner == "ana"
        assert detail.timeline and {entry.actor for entry in detail.timeline} == {"ana"}
        row = store.reads.lead_row(lead.id)
        assert row is not None and row.owner == "ana"

    def test_assign_unassign_and_undo(self, store: LeadStore) -> None:
        first = store.leads.add_lead(LeadInput(first_name="Eva")).id or 0
        second = store.leads.add_lead(LeadInput(first_name="Bo")).id or 0
        version = store.leads.lead_input(first)[1]
        done = store.team.assign([first, second], "luis")
        assert done.lead_ids == (first, second)
        assert store.leads.lead_input(first)[1] == version + 1  # an open form on it now conflicts
        assert store.team.assign([first], "luis").lead_ids == ()  # already his: no change
        assert _owners(store, "owner:luis") == {"Eva", "Bo"}
        gone = store.team.assign([second], None)
        assert _owners(store, "owner:none") == {"Bo"}
        assert store.team.restore_owners(gone) == [second]
        assert store.team.restore_owners(done) == [first, second]
        assert _owners(store, "owner:me") == {"Eva", "Bo"}

    def test_an_undo_leaves_a_lead_reassigned_since(self, store: LeadStore) -> None:
        lead = store.leads.add_lead(LeadInput(first_name="Eva")).id or 0
        done = store.team.assign([lead], "luis")
        store.team.assign([lead], "marta")
        assert store.team.restore_owners(done) == []
        assert _owners(store, "owner:marta") == {"Eva"}

    def test_owner_names_are_cleaned_and_bounded(self, store: LeadStore) -> None:
        lead = store.leads.add_lead(LeadInput(first_name="Eva")).id or 0
        store.team.assign([lead], "  lu\x1b[31mis \n")
        assert store.team.owners() == ["luis"]
        with pytest.raises(ValidationError):
            store.team.assign([lead], "x" * 81)
        with pytest.raises(ValidationError):
            store.team.assign([lead], "\x1b[2J")

    def test_owner_filters_and_completion(self, store: LeadStore) -> None:
        ids = {
            name: store.leads.add_lead(LeadInput(first_name=name)).id or 0
            for name in ("Eva", "Bo", "Cy", "Di")
        }
        store.team.assign([ids["Bo"]], "luis")
        store.team.assign([ids["Cy"]], None)
        store.team.assign([ids["Di"]], "marta")
        assert _owners(store, "owner:me") == {"Eva"}
        assert _owners(store, "owner:luis,marta") == {"Bo", "Di"}
        assert _owners(store, "-owner:me") == {"Bo", "Cy", "Di"}
        assert _owners(store, "-owner:none") == {"Eva", "Bo", "Di"}
        assert _owners(store, "owner:ME,none") == {"Eva", "Cy"}
        store.leads.delete_leads([ids["Di"]])
        assert store.team.owners() == ["ana", "luis"]
        assert store.views.vocabulary().owners == ("ana", "luis")

    def test_a_colleague_sees_my_name_on_my_changes(
        self, store: LeadStore, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert store.team.me() == "ana"  # known from the first use on
        monkeypatch.setenv("LEADTUI_USER", "luis")
        colleague = open_store(store_target(store), clock=fixed_clock)
        try:
            lead = colleague.leads.add_lead(LeadInput(first_name="Eva")).id or 0
            colleague.pipeline.move_lead(lead, "qualified")
        finally:
            colleague.close()
        detail = store.reads.lead_detail(lead)
        assert detail is not None and detail.owner == "luis"
        assert [entry.actor for entry in detail.timeline] == ["luis", "luis"]
        assert _owners(store, "owner:me") == set()
        assert _owners(store, "owner:luis") == {"Eva"}


def test_a_read_only_store_refuses_to_assign(db_path: Path) -> None:
    store = open_store(db_path, clock=fixed_clock)
    lead = store.leads.add_lead(LeadInput(first_name="Eva")).id or 0
    store.close()
    reader = LeadStore.open(db_path, clock=fixed_clock, read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            reader.team.assign([lead], "luis")
    finally:
        reader.close()


def test_imports_are_the_importers_unless_a_column_names_the_owner(
    store: LeadStore, tmp_path: Path
) -> None:
    from leadtui.io.csv_import import ImportOptions

    plain = tmp_path / "plain.csv"
    plain.write_text("first_name,email\nEva,eva@example.com\n", encoding="utf-8")
    store.imports.import_rows(store.imports.preview_import(plain), ImportOptions())
    owned = tmp_path / "owned.csv"
    owned.write_text(
        "first_name,email,Assigned to\nBo,bo@example.com,luis\nCy,cy@example.com,\n",
        encoding="utf-8",
    )
    preview = store.imports.preview_import(owned)
    assert preview.mapping[-1] == "owner"
    store.imports.import_rows(preview, ImportOptions())
    assert _owners(store, "owner:me") == {"Eva"}
    assert _owners(store, "owner:luis") == {"Bo"}
    assert _owners(store, "owner:none") == {"Cy"}


# -- who am I ------------------------------------------------------------------------


def test_the_login_name_on_sqlite(store: LeadStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    monkeypatch.delenv("LEADTUI_USER")
    monkeypatch.setattr(getpass, "getuser", lambda: "ana\x1b]0;pwn\x07 maría")
    fresh = LeadStore(store.backend, clock=fixed_clock)
    assert fresh.team.me() == "ana maría"


def test_the_settings_file_names_the_user(
    store: LeadStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('user = "marta"\n', encoding="utf-8")
    monkeypatch.delenv("LEADTUI_USER")
    monkeypatch.setenv("LEADTUI_SETTINGS", str(settings))
    assert LeadStore(store.backend, clock=fixed_clock).team.me() == "marta"


def test_the_database_role_on_postgres(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEADTUI_USER")
    store = open_store(pg_url, clock=fixed_clock)
    try:
        with psycopg.connect(pg_url) as conn:
            row = conn.execute("SELECT current_user").fetchone()
        assert row is not None
        assert store.team.me() == row[0]
        assert store.backend.team.database_user() == row[0]
    finally:
        store.close()


# -- schema step 6 -> 7 ----------------------------------------------------------------


def test_sqlite_schema_six_is_backed_up_and_migrated(db_path: Path) -> None:
    store = open_store(db_path, clock=fixed_clock)
    store.leads.add_lead(LeadInput(first_name="Before"))
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP INDEX ix_live_owner")
    for table, column in (("lead", "owner"), ("stagechange", "actor"), ("activity", "actor")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("PRAGMA user_version=6")
    conn.commit()
    conn.close()
    store = open_store(db_path, clock=fixed_clock)
    try:
        assert _owners(store, "owner:none") == {"Before"}
        store.leads.add_lead(LeadInput(first_name="After"))
        assert _owners(store, "owner:me") == {"After"}
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute(
            "SELECT name FROM sqlite_master WHERE name = 'ix_live_owner'"
        ).fetchone()
    finally:
        conn.close()
    assert sorted(db_path.parent.glob("backups/*pre-migration-v6*.db"))


def test_the_team_steps_are_idempotent(db_path: Path, pg_url: str) -> None:
    from leadtui.storage.postgres.migrate_team import add_team as add_team_pg
    from leadtui.storage.sqlite.migrate_team import add_team

    open_store(db_path, clock=fixed_clock).close()
    conn = sqlite3.connect(db_path)
    try:
        add_team(conn)
        add_team(conn)
    finally:
        conn.close()
    with psycopg.connect(pg_url, autocommit=True) as pg:
        add_team_pg(pg)
        add_team_pg(pg)


def test_postgres_schema_six_is_migrated(pg_url: str) -> None:
    store = open_store(pg_url, clock=fixed_clock)
    store.leads.add_lead(LeadInput(first_name="Before"))
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP INDEX ix_live_owner")
        for table in ("lead", "activity", "stagechange"):
            conn.execute(f"DROP TRIGGER leadtui_notify_{table} ON {table}")
        conn.execute("ALTER TABLE lead DROP COLUMN owner")
        conn.execute("ALTER TABLE stagechange DROP COLUMN actor")
        conn.execute("ALTER TABLE activity DROP COLUMN actor")
        conn.execute("UPDATE leadtui_schema SET version = 6")
    store = open_store(pg_url, clock=fixed_clock)
    try:
        assert _owners(store, "owner:none") == {"Before"}
        store.leads.add_lead(LeadInput(first_name="After"))
        assert _owners(store, "owner:me") == {"After"}
    finally:
        store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        found = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        assert found == (SCHEMA_VERSION,)
        triggers = conn.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'leadtui_notify_%'"
        ).fetchone()
        assert triggers == (4,)


def test_tab_completes_owners() -> None:
    from leadtui.domain.filter_query import Vocabulary
    from leadtui.domain.filter_query_complete import complete

    vocabulary = Vocabulary(owners=("ana", "luis", "none"), me="ana")
    found = complete("owner:", vocabulary)
    assert found is not None and found.candidates == ("me", "none", "ana", "luis")
    done = complete("stage:new own", vocabulary)
    assert done is not None and done.text == "stage:new owner:"
    luis = complete("-owner:lu", vocabulary)
    assert luis is not None and luis.text == "-owner:luis"
