"""``import --on-duplicate merge`` uses the real merge (recorded, unmergeable), and a revert
never deletes another lead's data merged into a lead of the batch (#16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pg_fixtures import both_backends
from test_duplicates_store import dump
from test_import_revert_changed import _fake_batch

from leadtui.domain.errors import ImportRefused, NotFoundError
from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore
from leadtui.store.import_merges import merge_imported

HEADER = "first_name,last_name,email,phone,company,notes\n"


def _import(store: LeadStore, tmp_path: Path, rows: str) -> Any:
    path = tmp_path / "a.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return store.imports.import_rows(
        store.imports.preview_import(path), ImportOptions(on_duplicate="merge")
    )


def _ana(store: LeadStore) -> int:
    lead = store.leads.add_lead(
        LeadInput(first_name="Ana", last_name="Old", email="ana@example.org", company="")
    )
    assert lead.id is not None
    store.touches.add_activity(lead.id, "call", "first call")
    return lead.id


def test_import_merge_is_a_real_merge_taken_back_exactly(store: LeadStore, tmp_path: Path) -> None:
    """SQLite (PostgreSQL does not import files yet): merged, recorded, unmerged exactly."""
    ana = _ana(store)
    before = store.reads.lead_row(ana)
    report = _import(store, tmp_path, "Anabel,New,ANA@example.org,,Acme,from the fair\n")
    assert (report.imported, report.merged) == (0, 1)
    kept = store.leads.get_lead(ana)
    assert (kept.first_name, kept.company) == ("Ana", "Acme")  # blanks filled, as before
    (merge,) = store.merges.merges_into(ana)
    bodies = [entry.body for entry in store.reads.timeline(ana)]
    assert "from the fair" in bodies and "first call" in bodies
    assert any(f"leadtui unmerge {merge.merge_id}" in body for body in bodies)
    store.merges.unmerge(merge.merge_id)
    assert store.reads.lead_row(ana) == before
    assert [e.body for e in store.reads.timeline(ana) if e.kind == "activity"] == ["first call"]
    back = store.leads.get_lead(merge.other_id)
    assert (back.first_name, back.last_name, back.company) == ("Anabel", "New", "Acme")
    assert "from the fair" in [e.body for e in store.reads.timeline(merge.other_id)]


def test_revert_of_an_import_merge_unmerges_first(store: LeadStore, tmp_path: Path) -> None:
    _ana(store)
    before = dump(store)
    report = _import(store, tmp_path, "Anabel,New,ana@example.org,,Acme,from the fair\n")
    assert store.imports.import_changes(report.batch_id) == []  # its own merge is no change since
    done = store.imports.revert_import(report.batch_id)
    assert done["deleted"] == 1
    after = dump(store)
    assert after.pop("importbatch") != before.pop("importbatch")  # marked reverted
    assert after == before


@both_backends
def test_merge_imported_and_revert_on_both_backends(store: LeadStore) -> None:
    """The store's half of an import merge: a batch lead merged into an older one, reverted."""
    ana = _ana(store)
    before = dump(store)
    batch_id, ids = _fake_batch(store, ["Anabel"])
    new = max(ids)  # the older lead is listed too
    merge_imported(store.imports.context, batch_id, [(ana, new, frozenset({"first_name"}))])
    with pytest.raises(NotFoundError):
        store.leads.get_lead(new)
    assert store.leads.get_lead(ana).first_name == "Ana"  # the file only fills blanks
    assert store.imports.import_changes(batch_id) == []
    store.imports.revert_import(batch_id)
    after = dump(store)
    assert after.pop("importbatch") != before.pop("importbatch")
    assert after == before


@both_backends
def test_revert_never_deletes_what_was_merged_into_a_batch_lead(store: LeadStore) -> None:
    """A batch lead that absorbed an older lead is changed since: named; forced, it unmerges."""
    ana = _ana(store)
    batch_id, ids = _fake_batch(store, ["Anabel"])
    new = max(ids)  # the older lead is listed too
    store.merges.merge(new, ana)
    with pytest.raises(ImportRefused, match="Anabel"):
        store.imports.revert_import(batch_id)
    assert store.merges.merges_into(new) != []  # refused: nothing was unmerged
    done = store.imports.revert_import(batch_id, force=True)
    assert done["deleted"] == 1
    back = store.leads.get_lead(ana)
    assert back.first_name == "Ana"
    assert [e.body for e in store.reads.timeline(ana) if e.kind == "activity"] == ["first call"]
    assert store.merges.merges_into(new) == [] and store.reads.lead_row(new) is None


def test_cli_import_merge_then_unmerge(tmp_path: Path) -> None:
    from test_cli import add, run

    db = tmp_path / "leads.db"
    ana = add(db, "--first-name", "Ana", "--email", "ana@example.org")
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "Anabel,New,ana@example.org,,Acme,\n", encoding="utf-8")
    imported = run(db, "import", str(path), "--on-duplicate", "merge")
    assert imported.exit_code == 0, imported.stderr
    assert "merged 1" in imported.stdout
    store = LeadStore.open(db)
    (merge,) = store.merges.merges_into(ana)
    store.close()
    back = run(db, "unmerge", str(merge.merge_id))
    assert back.exit_code == 0 and f"#{merge.other_id} is back" in back.stdout
