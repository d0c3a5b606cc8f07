"""File import (CSV, vCard, leadtui JSON), its revert and forget, on SQLite and PostgreSQL:
the same report, the same accounting, the same duplicates, and an exact revert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from db_tables import every_table
from pg_fixtures import both_backends

from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.io.csv_import import ImportOptions
from leadtui.io.errors import ImportRefused
from leadtui.io.export import ExportOptions
from leadtui.store import LeadStore

pytestmark = both_backends
FIXTURES = Path(__file__).parent / "fixtures" / "import"
HEADER = "Nombre,Apellidos,Correo,Teléfono,Empresa,Etiquetas,Notas,Etapa\n"


def run(store: LeadStore, path: Path, **options: Any) -> Any:
    return store.imports.import_rows(store.imports.preview_import(path), ImportOptions(**options))


@pytest.fixture
def seeded(store: LeadStore) -> LeadStore:
    store.leads.add_lead(
        LeadInput(
            first_name="Ana",
            last_name="Old",
            email="ana@example.org",
            phone="+34 612 345 678",
            tags=["manual"],
        )
    )
    return store


def _names(store: LeadStore) -> list[tuple[str, str]]:
    rows = store.reads.page_list(LeadFilter(), LeadSort(), 0, 100)
    return sorted((row.first_name, row.company) for row in rows)


def test_csv_duplicates_counts_and_exact_revert(seeded: LeadStore, tmp_path: Path) -> None:
    before = every_table(seeded)
    path = tmp_path / "a.csv"
    path.write_text(
        HEADER + 'Ana,New,ANA@example.org,,Acme,"vip, nuevo",nota importada,\n'
        "Bea,Sin,,612345678,Beta,,,\n"
        "Cris,Nueva,cris@example.org,,Gamma,,,propuesta\n"
        "Cris,Otra,cris@example.org,,Delta,,,\n"
        ",,,,,,,\n"
        "Dani,X,not-an-email,,,,,\n",
        encoding="utf-8",
    )
    dry = run(seeded, path, on_duplicate="skip", dry_run=True)
    assert dry.accounted == dry.rows_read == 6
    assert every_table(seeded) == before

    report = run(seeded, path, on_duplicate="update")
    assert report.accounted == report.rows_read == 6
    assert (report.imported, report.updated) == (2, 3)
    lead = seeded.leads.find_by_email("ana@example.org")
    assert lead is not None and (lead.last_name, lead.company) == ("Sin", "Beta")
    assert seeded.leads.find_by_email("cris@example.org") is not None
    assert [
        row.first_name
        for row in seeded.reads.page_list(LeadFilter(search="delta"), LeadSort(), 0, 5)
    ]
    assert report.batch_id is not None
    assert seeded.imports.revert_import(report.batch_id) == {"deleted": 2, "restored": 1, "kept": 0}
    assert every_table(seeded) | {"importbatch": []} == before | {"importbatch": []}
    with pytest.raises(ImportRefused, match="already reverted"):
        seeded.imports.revert_import(report.batch_id)


def test_merge_fills_blanks_only(seeded: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "Ana,New,ana@example.org,,Acme,,,\n", encoding="utf-8")
    report = run(seeded, path, on_duplicate="merge")
    assert (report.merged, report.accounted) == (1, 1)
    lead = seeded.leads.find_by_email("ana@example.org")
    assert lead is not None and (lead.last_name, lead.company) == ("Old", "Acme")


def test_vcard_import_and_revert(store: LeadStore) -> None:
    before = every_table(store)
    report = run(store, FIXTURES / "vcard30.vcf")
    assert report.imported > 0 and report.accounted == report.rows_read
    assert len(_names(store)) == report.imported
    assert report.batch_id is not None
    store.imports.revert_import(report.batch_id)
    assert _names(store) == []
    assert every_table(store)["lead"] == before["lead"]


def test_json_export_imports_back_with_history(demo_store: LeadStore, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    exported = demo_store.imports.export_leads(target, ExportOptions(format="json"))
    first = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
    demo_store.imports.forget_lead(first.id)
    report = run(demo_store, target)
    assert report.accounted == report.rows_read == exported
    assert report.imported + report.skipped == exported
    back = demo_store.leads.find_by_email(first.email) if first.email else None
    assert back is not None and back.stage == first.stage
    assert report.batch_id is not None
    demo_store.imports.revert_import(report.batch_id)
    assert demo_store.leads.find_by_email(first.email or "") is None


def test_cancel_and_failure_leave_nothing(store: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + "".join(f"P{i},X,p{i}@example.org,,,,,\n" for i in range(50)), encoding="utf-8"
    )
    before = every_table(store)
    options = ImportOptions(chunk_size=10)
    options.cancel.set()
    with pytest.raises(ImportRefused, match="cancelled"):
        store.imports.import_rows(store.imports.preview_import(path), options)
    assert every_table(store) == before


def test_forget_erases_the_person_and_the_leads_merged_into_them(store: LeadStore) -> None:
    person = store.leads.add_lead(
        LeadInput(first_name="Zeb", email="zeb@example.org", tags=["vip"])
    )
    other = store.leads.add_lead(LeadInput(first_name="Zeb", last_name="Q", company="Quix"))
    bystander = store.leads.add_lead(LeadInput(first_name="Yan", email="yan@example.org"))
    assert person.id is not None and other.id is not None and bystander.id is not None
    store.touches.add_activity(other.id, "note", "secret note")
    store.pipeline.move_lead(person.id, "contacted")
    store.merges.merge(person.id, other.id)
    tombstone = store.imports.forget_lead(person.id)
    tables = every_table(store)
    assert [row[0] for row in tables["lead"]] == [bystander.id]
    assert tables["leadmerge"] == [] and tables["activity"] == []
    assert all(row[1] == bystander.id for row in tables["stagechange"])
    assert [row[0] for row in tables["tombstone"]] == [tombstone]
    with pytest.raises(NotFoundError):
        store.imports.forget_lead(person.id)


def test_forget_cuts_the_person_out_of_import_revert_data(
    seeded: LeadStore, tmp_path: Path
) -> None:
    path = tmp_path / "u.csv"
    path.write_text(HEADER + "Ana,New,ana@example.org,,Acme,,,\n", encoding="utf-8")
    report = run(seeded, path, on_duplicate="update")
    lead = seeded.leads.find_by_email("ana@example.org")
    assert lead is not None and lead.id is not None
    seeded.imports.forget_lead(lead.id)
    (batch,) = every_table(seeded)["importbatch"]
    assert "Old" not in batch[-1] and "ana@example.org" not in batch[-1]
    assert report.batch_id is not None
    assert seeded.imports.revert_import(report.batch_id)["restored"] == 0


def test_xlsx_import_and_revert(store: LeadStore) -> None:
    report = run(store, FIXTURES / "realworld" / "hubspot.xlsx")
    assert report.imported > 0 and report.accounted == report.rows_read
    assert len(_names(store)) == report.imported
    assert report.batch_id is not None
    store.imports.revert_import(report.batch_id)
    assert _names(store) == []
