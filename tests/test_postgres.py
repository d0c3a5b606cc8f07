"""PostgreSQL only (team mode): refusals, masked passwords, a read-only role, the CLI on a
URL, and three processes editing the same leads without losing an update."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from conftest import fixed_clock

from leadtui.domain.errors import DatabaseRefused, NotFoundError, ReadOnlyError
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import open_store
from leadtui.storage.postgres.url import mask_password
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore


def run(url: str, sql: str) -> None:
    """Run SQL on ``url`` directly (autocommit)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.encode())


def test_an_empty_database_gets_the_schema_and_version(pg_blank_url: str) -> None:
    store = open_store(pg_blank_url, clock=fixed_clock)
    store.close()
    with psycopg.connect(pg_blank_url) as conn:
        found = conn.execute("SELECT version FROM leadtui_schema").fetchall()
    assert found == [(SCHEMA_VERSION,)]
    reopened = open_store(pg_blank_url, clock=fixed_clock)  # a second start just opens it
    assert [stage.key for stage in reopened.reads.stages()][0] == "new"
    reopened.close()


def test_a_database_that_is_not_leadtuis_is_refused(pg_blank_url: str) -> None:
    run(pg_blank_url, "CREATE TABLE invoices (id int)")
    with pytest.raises(DatabaseRefused, match="is not a leadtui database"):
        open_store(pg_blank_url)
    with psycopg.connect(pg_blank_url) as conn:  # and nothing was added to it
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (1,)


def test_a_newer_schema_is_refused(pg_url: str) -> None:
    run(pg_url, f"UPDATE leadtui_schema SET version = {SCHEMA_VERSION + 1}")
    with pytest.raises(DatabaseRefused, match="newer leadtui"):
        open_store(pg_url)


def test_an_empty_database_is_not_created_when_asked_not_to(pg_blank_url: str) -> None:
    with pytest.raises(DatabaseRefused, match="empty database"):
        open_store(pg_blank_url, create=False)


def test_a_password_in_the_url_is_refused_and_masked() -> None:
    url = "postgresql://ana:s3cret@db.example:5432/leads"
    with pytest.raises(DatabaseRefused) as caught:
        LeadStore.open(url)
    assert "s3cret" not in str(caught.value)
    assert "postgresql://ana:***@db.example:5432/leads" in str(caught.value)
    assert ".pgpass" in str(caught.value)
    assert "s3cret" not in mask_password("postgresql://u@h/db?sslmode=require&password=s3cret")


def test_a_connection_failure_is_one_readable_line(pg_server: object) -> None:
    url = "postgresql://nobody@/nowhere?host=/nonexistent-leadtui-socket-dir"
    with pytest.raises(DatabaseRefused, match="Cannot connect to postgresql://nobody@") as caught:
        LeadStore.open(url)
    assert "\n" not in str(caught.value).strip()


def test_a_read_only_role_reads_and_refuses_writes(pg_url: str) -> None:
    writer = open_store(pg_url, clock=fixed_clock)
    lead = writer.leads.add_lead(LeadInput(first_name="Ana", last_name="Reader"))
    writer.close()
    run(pg_url, "CREATE ROLE viewer LOGIN")
    run(pg_url, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer")
    viewer_url = re.sub(r"://[^@/]*@", "://viewer@", pg_url, count=1)
    reader = open_store(viewer_url, clock=fixed_clock)
    try:
        assert reader.read_only
        assert reader.reads.count_list(LeadFilter()).total == 1
        assert reader.reads.lead_detail(lead.id or 0) is not None
        with pytest.raises(ReadOnlyError, match="read-only"):
            reader.leads.add_lead(LeadInput(first_name="Not", last_name="Saved"))
        with pytest.raises(ReadOnlyError):
            reader.pipeline.move_lead(lead.id or 0, "won")
    finally:
        reader.close()
        run(pg_url, "DROP OWNED BY viewer")
        run(pg_url, "DROP ROLE viewer")


def test_backup_and_forget_work_on_a_server(
    store_pg: LeadStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once SQLite-only, now on both (details in test_pg_backup / test_io_both_backends)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert store_pg.maintenance.list_backups() == []
    made = store_pg.maintenance.backup()
    assert [info.path for info in store_pg.maintenance.list_backups()] == [made]
    lead = store_pg.leads.add_lead(LeadInput(first_name="Gone", last_name="Soon"))
    assert store_pg.imports.forget_lead(lead.id or 0) > 0
    with pytest.raises(NotFoundError, match="No lead"):
        store_pg.imports.forget_lead(lead.id or 0)


@pytest.fixture
def store_pg(pg_url: str) -> Iterator[LeadStore]:
    """A store on a fresh PostgreSQL database."""
    opened = open_store(pg_url, clock=fixed_clock)
    yield opened
    opened.close()


def test_the_cli_works_on_a_url(pg_url: str, tmp_path: Path) -> None:
    from leadtui.cli import main

    runner = CliRunner()
    env = {"LEADTUI_DB": pg_url, "XDG_DATA_HOME": str(tmp_path / "data")}
    added = runner.invoke(main, ["add", "--first-name", "Ana", "--last-name", "Cli"], env=env)
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["list"], env=env)
    assert listed.exit_code == 0 and "Cli" in listed.output, listed.output
    moved = runner.invoke(main, ["--db", pg_url, "move", "1", "won"])
    assert moved.exit_code == 0, moved.output
    stats = runner.invoke(main, ["--db", pg_url, "stats"])
    assert stats.exit_code == 0, stats.output
    backup = runner.invoke(main, ["--db", pg_url, "backup"], env=env)
    assert backup.exit_code == 0 and "Backup written to" in backup.output, backup.output
    out = tmp_path / "leads.json"
    exported = runner.invoke(main, ["--db", pg_url, "export", str(out)])
    assert exported.exit_code == 0, exported.output
    assert '"first_name": "Ana"' in out.read_text(encoding="utf-8")


def test_exports_match_sqlite_exports(
    store_pg: LeadStore, store: LeadStore, tmp_path: Path
) -> None:
    """The same leads, tags, activities and history export byte for byte the same from
    PostgreSQL as from SQLite, in CSV, vCard and JSON (a stage filter included)."""
    from leadtui.io.export import ExportOptions

    for target in (store_pg, store):
        ana = target.leads.add_lead(
            LeadInput(
                first_name="Ána",
                last_name="Núñez",
                email="ana@example.es",
                company='Acme, "S.L."',
                value_cents=123_450,
                consent=True,
            )
        )
        bo = target.leads.add_lead(LeadInput(first_name="=Bo", email="bo@example.com"))
        target.touches.tag_leads([ana.id or 0, bo.id or 0], "feria-2026")
        target.touches.tag_leads([ana.id or 0], "vip")
        target.touches.add_activity(ana.id or 0, "call", "Wants a quote\nfor May")
        target.pipeline.move_lead(ana.id or 0, "contacted")
    for fmt, stage in (("csv", None), ("vcf", None), ("json", None), ("json", "contacted")):
        texts = []
        for name, target in (("pg", store_pg), ("sqlite", store)):
            out = tmp_path / f"{name}-{fmt}-{stage}.{fmt}"
            target.imports.export_leads(out, ExportOptions(format=fmt, stage=stage))
            texts.append(out.read_text(encoding="utf-8"))
        assert texts[0] == texts[1], (fmt, stage)
