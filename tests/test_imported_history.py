"""An imported pipeline keeps its funnel: a lead imported in Proposal reached the stages
before it (imported history), and the metrics say how many leads have such history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from click.testing import CliRunner
from pg_fixtures import both_backends

from leadtui.cli import main
from leadtui.domain.funnel import fold_history
from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.launch import open_store
from leadtui.storage.postgres.backend import PostgresBackend
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore

PIPELINE = (
    "first_name,email,stage\n"
    "Ana,ana@example.org,proposal\n"
    "Bea,bea@example.org,won\n"
    "Cid,cid@example.org,lost\n"
    "Dan,dan@example.org,new\n"
)


def test_an_imported_pipeline_converts(store: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "pipeline.csv"
    path.write_text(PIPELINE, encoding="utf-8")
    report = store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
    assert report.imported == 4
    metrics = store.reads.funnel_metrics()
    by_key = {stage.key: stage for stage in metrics.stages}
    # new reached by Ana, Bea (imported) and Dan; Ana and Bea went further. Cid came in
    # Lost: how far he got is not known, so nothing is added.
    assert (by_key["new"].reached, by_key["new"].converted) == (3, 2)
    assert (by_key["proposal"].reached, by_key["proposal"].converted) == (2, 1)
    assert by_key["proposal"].conversion == 0.5
    assert by_key["new"].median_days is None  # imported stages have no time in stage
    assert metrics.imported_history == 2
    ana = store.leads.find_by_email("ana@example.org")
    assert ana is not None and ana.id is not None
    steps = [entry.to_stage or "" for entry in store.reads.stage_history(ana.id)]
    assert sorted(steps) == ["contacted", "new", "proposal", "qualified"]


def test_stats_say_how_many_leads_have_imported_history(tmp_path: Path) -> None:
    db, path = tmp_path / "leads.db", tmp_path / "pipeline.csv"
    path.write_text(PIPELINE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "import", str(path)]).exit_code == 0
    text = runner.invoke(main, ["--db", str(db), "stats"], env={"COLUMNS": "200"}).output
    assert "2 leads have imported history" in text
    data = json.loads(runner.invoke(main, ["--db", str(db), "stats", "--json"]).output)
    assert data["imported_history"] == 2


def test_imported_changes_count_as_reached_but_take_no_time() -> None:
    hour = 3600
    rows = [(1, 0, 2, False), (1, 0, 0, True), (1, 0, 1, True), (1, 5 * hour, 3, False)]
    masks, spans, imported = fold_history(rows, 4)
    assert masks == {0b1111: 1} and imported == 1
    assert [list(stage) for stage in spans] == [[], [], [5 * hour], []]


@both_backends
def test_metrics_count_imported_history_on_both_backends(store: LeadStore) -> None:
    lead = store.leads.add_lead(LeadInput(first_name="Ana", stage="qualified"))
    store.leads.add_lead(LeadInput(first_name="Bob"))
    backend = store.backend
    sql = (
        "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, imported) "
        "VALUES ({m}, NULL, 'new', {m}, '', {m})"
    )
    at = "2026-03-01 10:00:00"
    if isinstance(backend, PostgresBackend):
        with psycopg.connect(backend.url, autocommit=True) as conn:
            conn.execute(sql.format(m="%s").encode(), (lead.id, at, True))
    else:
        import sqlite3

        db = sqlite3.connect(store.path)
        db.execute(sql.format(m="?"), (lead.id, at, 1))
        db.commit()
        db.close()
    metrics = store.reads.funnel_metrics()
    assert metrics.imported_history == 1
    assert {s.key: s.reached for s in metrics.stages}["new"] == 2


def test_a_version_1_postgres_database_migrates(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE stagechange DROP COLUMN imported")
        conn.execute("DROP INDEX ix_live_stage_money")
        conn.execute("UPDATE leadtui_schema SET version = 1")
    store = open_store(pg_url, clock=lambda: datetime(2026, 3, 16, tzinfo=UTC))
    try:
        store.leads.add_lead(LeadInput(first_name="Ana"))
        assert store.reads.funnel_metrics().imported_history == 0
    finally:
        store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        found = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        assert found is not None and found[0] == SCHEMA_VERSION
        imported = conn.execute("SELECT imported FROM stagechange").fetchall()
        assert imported == [(False,)]
        index = conn.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_live_stage_money'")
        assert index.fetchone() == (1,)


def test_imported_history_survives_a_json_backup(store: LeadStore, tmp_path: Path) -> None:
    from leadtui.io.export import ExportOptions

    path = tmp_path / "pipeline.csv"
    path.write_text(PIPELINE, encoding="utf-8")
    store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
    backup = tmp_path / "all.json"
    store.imports.export_leads(backup, ExportOptions(format="json"))
    again = open_store(tmp_path / "again.db")
    try:
        again.imports.import_rows(again.imports.preview_import(backup), ImportOptions())
        assert again.reads.funnel_metrics().imported_history == 2
    finally:
        again.close()
