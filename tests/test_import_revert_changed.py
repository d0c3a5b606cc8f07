"""Reverting an import never loses a change made since: untouched leads go, changed ones
are named and need ``--force`` (or a yes on a terminal, where "no" keeps them)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from pg_fixtures import both_backends

from leadtui.cli import confirm, main
from leadtui.domain.errors import ImportRefused
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore

ROWS = "first_name,last_name,email\nAna,Uno,ana@example.org\nBea,Dos,bea@example.org\n"


def _fake_batch(store: LeadStore, names: list[str]) -> tuple[int, list[int]]:
    """An import batch as the import leaves it (written by hand, on both backends)."""
    from leadtui.storage.postgres.backend import PostgresBackend

    backend = store.backend
    postgres = isinstance(backend, PostgresBackend)
    mark = "%s" if postgres else "?"
    with backend.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO importbatch (at, file_name, file_format, rows_read, imported, updated, "
            f"merged, skipped, rejected, report_json) VALUES ({mark}, 'a.csv', 'generic', "
            f"2, 2, 0, 0, 0, 0, {mark}) RETURNING id",
            ("2026-03-01 10:00:00", json.dumps({"undo": {"before": [], "versions": {}}})),
        )
        found = cursor.fetchone()
        assert found is not None
        batch_id = int(found[0])
    store.imports.bulk_insert_leads(
        {"first_name": name, "email": f"{name.lower()}@example.org", "import_batch_id": batch_id}
        for name in names
    )
    ids = [row.id for row in store.reads.page_list(LeadFilter(), LeadSort(), 0, 10)]
    return batch_id, sorted(ids)


@both_backends
def test_revert_refuses_to_lose_a_lead_moved_since(store: LeadStore) -> None:
    batch_id, (ana, bea) = _fake_batch(store, ["Ana", "Bea"])
    assert store.imports.import_changes(batch_id) == []
    store.pipeline.move_lead(bea, "contacted")
    changed = store.imports.import_changes(batch_id)
    assert [lead.id for lead in changed] == [bea]
    with pytest.raises(ImportRefused, match="Bea"):
        store.imports.revert_import(batch_id)
    assert store.reads.count_list(LeadFilter()).total == 2  # nothing was reverted
    done = store.imports.revert_import(batch_id, keep=[bea])
    assert (done["deleted"], done["kept"]) == (1, 1)
    assert store.reads.lead_row(ana) is None
    kept = store.reads.lead_row(bea)
    assert kept is not None and kept.stage == "contacted"


@both_backends
def test_force_reverts_changed_leads_too(store: LeadStore) -> None:
    batch_id, (_ana, bea) = _fake_batch(store, ["Ana", "Bea"])
    store.pipeline.move_lead(bea, "contacted")
    done = store.imports.revert_import(batch_id, force=True)
    assert done["deleted"] == 2
    assert store.reads.count_list(LeadFilter()).total == 0


def _imported(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "leads.db"
    path = tmp_path / "a.csv"
    path.write_text(ROWS, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return db, int(json.loads(result.output)["batch_id"])


def _edit_bea(db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "move", "bea@example.org", "contacted"])
    assert result.exit_code == 0, result.output


def _emails(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [email for (email,) in conn.execute("SELECT email FROM lead ORDER BY id")]
    finally:
        conn.close()


def test_cli_revert_names_changed_leads_and_needs_force(tmp_path: Path) -> None:
    db, batch_id = _imported(tmp_path)
    _edit_bea(db)
    runner = CliRunner()
    refused = runner.invoke(main, ["--db", str(db), "import", "--revert", str(batch_id), "--yes"])
    assert refused.exit_code == 1
    assert "Bea Dos <bea@example.org>" in refused.output and "--force" in refused.output
    assert _emails(db) == ["ana@example.org", "bea@example.org"]
    forced = runner.invoke(
        main, ["--db", str(db), "import", "--revert", str(batch_id), "--yes", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert _emails(db) == []


def test_cli_revert_needs_yes_off_a_terminal(tmp_path: Path) -> None:
    db, batch_id = _imported(tmp_path)
    refused = CliRunner().invoke(
        main, ["--db", str(db), "import", "--revert", str(batch_id)], input="y\n"
    )
    assert refused.exit_code == 1 and "--yes" in refused.output
    assert len(_emails(db)) == 2


def test_cli_revert_on_a_terminal_keeps_what_the_person_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, batch_id = _imported(tmp_path)
    _edit_bea(db)
    monkeypatch.setattr(confirm, "stdin_is_terminal", lambda: True)
    # "Revert them too?" no; "Revert import batch?" yes.
    result = CliRunner().invoke(
        main, ["--db", str(db), "import", "--revert", str(batch_id)], input="n\ny\n"
    )
    assert result.exit_code == 0, result.output
    assert "1 lead was changed since the import: Bea Dos <bea@example.org>" in result.output
    assert "Kept 1 lead changed since the import as it is." in result.output
    assert _emails(db) == ["bea@example.org"]


def test_store_revert_of_a_real_import_after_an_edit(store: LeadStore, tmp_path: Path) -> None:
    """A real import: a lead updated by the import and edited afterwards is named too."""
    path = tmp_path / "a.csv"
    path.write_text(ROWS, encoding="utf-8")
    report = store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
    assert report.batch_id is not None
    again = tmp_path / "b.csv"
    again.write_text("first_name,email\nAnabel,ana@example.org\n", encoding="utf-8")
    second = store.imports.import_rows(
        store.imports.preview_import(again), ImportOptions(on_duplicate="update")
    )
    assert second.batch_id is not None
    assert store.imports.import_changes(second.batch_id) == []
    ana = store.leads.find_by_email("ana@example.org")
    assert ana is not None and ana.id is not None
    store.pipeline.move_lead(ana.id, "contacted")
    assert [lead.id for lead in store.imports.import_changes(second.batch_id)] == [ana.id]
    assert [lead.id for lead in store.imports.import_changes(report.batch_id)] == [ana.id]
