"""Who imported is recorded on what an import writes with raw SQL (issue #17, "A team"):
the new leads' stage history (imported history included) and their notes, and the stage
changes and notes an import adds to leads it updates. Both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fixed_clock
from pg_fixtures import both_backends, store_target

from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.launch import open_store
from leadtui.store import LeadStore

pytestmark = both_backends

HEADER = "first_name,last_name,email,stage,notes\n"


@pytest.fixture
def luis(store: LeadStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[LeadStore]:
    """Luis, the colleague who imports, on the same database."""
    assert store.team.me() != "luis"  # read now, before the variable changes
    monkeypatch.setenv("LEADTUI_USER", "luis")
    other = open_store(store_target(store), clock=fixed_clock)
    yield other
    other.close()


def _import(store: LeadStore, path: Path, rows: str, **options: object) -> int:
    path.write_text(HEADER + rows, encoding="utf-8")
    report = store.imports.import_rows(store.imports.preview_import(path), ImportOptions(**options))  # type: ignore[arg-type]
    assert report.batch_id is not None
    return report.batch_id


def test_new_leads_history_and_notes_name_the_importer(
    store: LeadStore, luis: LeadStore, tmp_path: Path
) -> None:
    _import(luis, tmp_path / "a.csv", "Nadia,Nueva,nadia@example.org,proposal,from the fair\n")
    lead = store.leads.find_lead("nadia@example.org")
    assert lead.id is not None
    history = [entry for entry in store.reads.timeline(lead.id) if entry.kind == "stage"]
    # new -> contacted -> qualified (imported history) and the lead's own first step
    assert {entry.to_stage for entry in history} >= {"new", "contacted", "qualified", "proposal"}
    assert [entry.actor for entry in history] == ["luis"] * len(history)
    notes = [entry for entry in store.reads.timeline(lead.id) if entry.kind == "activity"]
    assert [(entry.body, entry.actor) for entry in notes] == [("from the fair", "luis")]


def test_an_updated_leads_move_and_note_name_the_importer(
    store: LeadStore, luis: LeadStore, tmp_path: Path
) -> None:
    old = store.leads.add_lead(
        LeadInput(first_name="Vera", last_name="Vieja", email="vera@example.org")
    )
    assert old.id is not None
    _import(
        luis,
        tmp_path / "b.csv",
        "Vera,Vieja,vera@example.org,won,called back\n",
        on_duplicate="update",
    )
    history = [entry for entry in store.reads.timeline(old.id) if entry.kind == "stage"]
    moved = [entry for entry in history if entry.to_stage == "won"]
    assert [entry.actor for entry in moved] == ["luis"]
    first = [entry for entry in history if entry.to_stage != "won"]
    assert {entry.actor for entry in first} == {store.team.me()}  # her own creation stays hers
    notes = [entry for entry in store.reads.timeline(old.id) if entry.kind == "activity"]
    assert [(entry.body, entry.actor) for entry in notes] == [("called back", "luis")]
