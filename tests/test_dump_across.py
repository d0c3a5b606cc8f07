"""A PostgreSQL database's dump restores into a SQLite file, and a file's dump onto a
server (issue #17, backups): the same leads, history, tags, activities and settings
come out of both, byte for byte in an export, and the search index works after."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import fixed_clock

from leadtui.cli import main
from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.io.export import ExportOptions
from leadtui.launch import open_store
from leadtui.store import LeadStore
from leadtui.store.files import make_dump, restore_backup


def exported(store: LeadStore, out: Path) -> str:
    """Every lead with its timeline, as leadtui's JSON export."""
    store.imports.export_leads(out, ExportOptions(format="json"))
    return out.read_text(encoding="utf-8")


def test_a_server_dump_restores_into_a_file_and_back(
    pg_demo_url: str, pg_url: str, tmp_path: Path
) -> None:
    server = open_store(pg_demo_url, clock=fixed_clock)
    lead = server.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
    server.touches.add_activity(lead.id, "call", "Llamada, con acentos: ñ")
    server.team.assign([lead.id], "luis")
    expected = exported(server, tmp_path / "server.json")
    dump = server.maintenance.backup("manual")
    server.close()

    path = tmp_path / "leads.db"
    runner = CliRunner()
    done = runner.invoke(main, ["--db", str(path), "restore", str(dump), "--yes"])
    assert done.exit_code == 0, done.output
    local = open_store(path, clock=fixed_clock)
    try:
        assert exported(local, tmp_path / "file.json") == expected
        assert local.reads.lead_row(lead.id).owner == "luis"  # type: ignore[union-attr]
        hits = local.reads.page_list(LeadFilter(search=lead.first_name[:3]), LeadSort(), 0, 50)
        assert lead.id in {row.id for row in hits}  # the search index was filled
        added = local.leads.add_lead(LeadInput(first_name="Después"))
        assert (added.id or 0) > max(
            row.id
            for row in local.reads.page_list(LeadFilter(), LeadSort(), 0, 300)
            if row.id != added.id
        )
        local.imports.forget_lead(added.id or 0)
    finally:
        local.close()

    back = tmp_path / "back.jsonl"
    done = runner.invoke(main, ["--db", str(path), "backup", "--dump", str(back)])
    assert done.exit_code == 0 and "Dump written to" in done.output, done.output
    other = open_store(pg_url, clock=fixed_clock)
    try:
        other.maintenance.restore(back)
        assert exported(other, tmp_path / "back.json") == expected
    finally:
        other.close()


def test_a_damaged_dump_leaves_the_file_as_it_was(store: LeadStore, tmp_path: Path) -> None:
    store.leads.add_lead(LeadInput(first_name="Sigue"))
    path = store.path
    assert isinstance(path, Path)
    store.close()
    dump = make_dump(path, tmp_path / "whole.jsonl")
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(dump.read_text(encoding="utf-8").splitlines()[:-3]) + "\n")
    before = path.read_bytes()
    try:
        restore_backup(path, cut)
    except DatabaseRefused as error:
        assert "nothing was changed" in str(error)
    else:
        raise AssertionError("a dump cut short was restored")
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*from-dump*"))
