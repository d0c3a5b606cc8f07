"""An import writes each new lead with its computed score (no rescore pass over the new
leads), on both backends: the stored scores equal a full recompute, pinned scores stay,
and new leads changed by a later duplicate row, and existing leads updated, are rescored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pg_fixtures import both_backends

from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore

pytestmark = both_backends
HEADER = "First Name,Email,Phone,Company,Job Title,Source,Created,Notes,Score\n"
ROWS = (
    "Ana,ana@acme.com,+34 600 111 222,Acme,Sales Director,event,,,\n"
    "Bea,bea@beta.com,,Beta,,webinar,2025-01-10 09:00,first contact,\n"
    "Cris,cris@gamma.com,,Gamma,CEO,,2026-03-01 10:00,,77\n"
    "Dani,,+34 600 333 444,,,,,,\n"
    # Duplicates of rows above, in later chunks (chunk_size=2): the new lead changes.
    "Bea,bea@beta.com,,Beta,Director,,,second note,\n"
    "Old,old@example.org,,Old Co,Owner,,,a note,\n"
)


def _scores(store: LeadStore) -> dict[str, tuple[int | None, bool]]:
    rows = store.reads.page_list(LeadFilter(), LeadSort(), 0, 100)
    found = {}
    for row in rows:
        lead = store.leads.get_lead(row.id)
        found[row.first_name] = (lead.score, lead.score_pinned)
    return found


def _run(store: LeadStore, path: Path, **options: Any) -> Any:
    preview = store.imports.preview_import(path, overrides={"Score": "score"})
    return store.imports.import_rows(preview, ImportOptions(chunk_size=2, **options))


def test_imported_scores_equal_a_recompute(store: LeadStore, tmp_path: Path) -> None:
    store.leads.add_lead(LeadInput(first_name="Old", email="old@example.org"))
    path = tmp_path / "leads.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    report = _run(store, path, on_duplicate="update")
    assert (report.imported, report.updated) == (4, 2)
    scores = _scores(store)
    assert scores["Cris"] == (77, True)  # a given score is pinned, never computed
    assert all(score is not None for score, _pinned in scores.values())
    assert store.scoring.recompute() == 0  # every stored score is what the rules give
    for row in store.reads.page_list(LeadFilter(), LeadSort(), 0, 100):
        if row.first_name != "Cris":
            assert scores[row.first_name][0] == store.scoring.explain(row.id).computed.value


def test_a_dry_run_writes_no_lead(store: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    report = _run(store, path, dry_run=True)
    assert report.imported == 5
    assert store.reads.count_list(LeadFilter()).total == 0
