"""Import batches: duplicates policy, dry run, revert (CLI and store), mapping overrides."""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from leadtui.cli import main
from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportCancelled, ImportOptions
from leadtui.io.errors import ImportRefused
from leadtui.store import LeadStore

HEADER = "Nombre,Apellidos,Correo,Teléfono,Empresa,Etiquetas,Notas\n"


def snapshot(store: LeadStore) -> list[tuple[Any, ...]]:
    """Every lead, tag link, activity and stage change: the whole visible state."""
    conn = sqlite3.connect(store.path)
    try:
        return [
            *conn.execute("SELECT * FROM lead ORDER BY id"),
            *conn.execute("SELECT * FROM leadtag ORDER BY 1, 2"),
            *conn.execute("SELECT * FROM activity ORDER BY id"),
            *conn.execute("SELECT * FROM stagechange ORDER BY id"),
            *conn.execute("SELECT * FROM tag ORDER BY id"),
            *conn.execute("SELECT rowid, * FROM lead_fts ORDER BY rowid"),
        ]
    finally:
        conn.close()


def write_csv(folder: Path, name: str, rows: str) -> Path:
    path = folder / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def run(store: LeadStore, path: Path, **options: Any) -> Any:
    return store.imports.import_rows(store.imports.preview_import(path), ImportOptions(**options))


@pytest.fixture
def seeded(store: LeadStore) -> LeadStore:
    """A store with one lead typed in by hand."""
    store.leads.add_lead(
        LeadInput(
            first_name="Ana",
            last_name="Old",
            email="ana@example.org",
            company="",
            phone="+34 612 345 678",
            tags=["manual"],
        )
    )
    return store


def test_skip_update_merge(seeded: LeadStore, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "a.csv",
        "Ana,New,ANA@example.org,,Acme,vip,hola\n"
        "Bea,Sin,,612345678,Beta,,\n"
        "Cris,Nueva,cris@example.org,,Gamma,,\n"
        "Cris,Otra,cris@example.org,,Delta,,\n",
    )
    skipped = run(seeded, path, on_duplicate="skip", dry_run=True)
    assert (skipped.imported, skipped.skipped) == (1, 3)
    reasons = [issue.reason for issue in skipped.skips]
    assert reasons == ["same email as lead 1", "same phone as lead 1", "same email as row 3"]

    merged = run(seeded, path, on_duplicate="merge")
    assert (merged.imported, merged.merged, merged.skipped) == (1, 3, 0)
    conn = sqlite3.connect(seeded.path)
    assert conn.execute("SELECT last_name, company FROM lead WHERE id = 1").fetchone() == (
        "Old",
        "Acme",
    )  # merge fills blanks only
    assert conn.execute("SELECT company FROM lead WHERE email = 'cris@example.org'").fetchone() == (
        "Gamma",
    )
    updated = run(seeded, path, on_duplicate="update")
    assert updated.updated == 4
    assert conn.execute("SELECT last_name, company FROM lead WHERE id = 1").fetchone() == (
        "Sin",
        "Beta",
    )  # later rows win; the phone match is the same person
    assert conn.execute("SELECT company FROM lead WHERE email = 'cris@example.org'").fetchone() == (
        "Delta",
    )
    assert conn.execute(
        "SELECT count(*) FROM lead_fts WHERE lead_fts MATCH 'delta'"
    ).fetchone() == (1,)
    conn.close()


def test_import_puts_the_gc_threshold_back(seeded: LeadStore, tmp_path: Path) -> None:
    """Imports batch garbage collections (see leadtui.storage.gc_batch) only while they run."""
    before = gc.get_threshold()
    run(seeded, write_csv(tmp_path, "a.csv", "Zoe,Z,zoe@x.org,,,,\n"))
    with pytest.raises(ImportRefused):
        run(seeded, write_csv(tmp_path, "b.csv", "Zoe,Z,zoe@x.org,,,,\n"), on_duplicate="nope")
    assert gc.get_threshold() == before


def test_dry_run_writes_nothing(seeded: LeadStore, tmp_path: Path) -> None:
    before = snapshot(seeded)
    path = write_csv(tmp_path, "a.csv", "Ana,New,ana@example.org,,Acme,,\nZoe,Z,zoe@x.org,,,,\n")
    for mode in ("skip", "update", "merge"):
        report = run(seeded, path, on_duplicate=mode, dry_run=True)
        assert report.accounted == report.rows_read == 2
        assert report.batch_id is None
    assert snapshot(seeded) == before
    conn = sqlite3.connect(seeded.path)
    assert conn.execute("SELECT count(*) FROM importbatch").fetchone() == (0,)
    conn.close()


def test_revert_restores_exactly(seeded: LeadStore, tmp_path: Path) -> None:
    before = snapshot(seeded)
    path = write_csv(
        tmp_path,
        "a.csv",
        'Ana,New,ana@example.org,,Acme,"vip, nuevo",nota importada\n'
        "Zoe,Zed,zoe@example.org,,Zeta,vip,\n",
    )
    report = run(seeded, path, on_duplicate="update")
    assert (report.imported, report.updated) == (1, 1)
    assert snapshot(seeded) != before
    assert report.batch_id is not None
    done = seeded.imports.revert_import(report.batch_id)
    assert done == {"deleted": 1, "restored": 1, "kept": 0}
    assert snapshot(seeded) == before
    with pytest.raises(ImportRefused, match="already reverted"):
        seeded.imports.revert_import(report.batch_id)


def _search(conn: sqlite3.Connection, words: str) -> list[int]:
    return [
        lead_id
        for (lead_id,) in conn.execute(
            "SELECT rowid FROM lead_fts WHERE lead_fts MATCH ? ORDER BY rowid", (words,)
        )
    ]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 2000])
@pytest.mark.parametrize("mode", ["skip", "update", "merge"])
def test_search_index_exact_when_later_chunks_update_earlier_rows(
    seeded: LeadStore, tmp_path: Path, mode: str, chunk_size: int
) -> None:
    """Chunks are indexed for search in the background; later duplicates must keep it exact."""
    path = write_csv(
        tmp_path,
        "a.csv",
        "Bruno,Primero,bruno@example.org,,Alfa,,\n"
        "Carla,Uno,carla@example.org,,,,\n"
        "Dora,Dos,dora@example.org,,,,\n"
        "Anabel,Cambiada,ana@example.org,,Omega,,\n"
        "Bruno,Segundo,BRUNO@example.org,,Beta,,\n"
        "Carla,Tres,carla@example.org,,Gamma,,\n",
    )
    report = run(seeded, path, on_duplicate=mode, chunk_size=chunk_size)
    assert report.accounted == report.rows_read == 6
    conn = sqlite3.connect(seeded.path)
    conn.execute("INSERT INTO lead_fts(lead_fts, rank) VALUES ('integrity-check', 1)")
    bruno = conn.execute("SELECT id FROM lead WHERE email_key = 'bruno@example.org'").fetchone()[0]
    assert _search(conn, "primero") == ([] if mode == "update" else [bruno])
    assert _search(conn, "segundo") == ([bruno] if mode == "update" else [])
    # merge: the row became a lead of its own, merged away into lead 1 (kept for unmerge).
    merged_away = [i for (i,) in conn.execute("SELECT id FROM lead WHERE deleted_at IS NOT NULL")]
    assert _search(conn, "cambiada") == {"update": [1], "skip": [], "merge": merged_away}[mode]
    assert _search(conn, "old") == ([] if mode == "update" else [1])
    assert _search(conn, "gamma") == ([] if mode == "skip" else [bruno + 1])
    assert len(_search(conn, "dora")) == 1
    conn.close()
    assert report.batch_id is not None
    seeded.imports.revert_import(report.batch_id)
    conn = sqlite3.connect(seeded.path)
    conn.execute("INSERT INTO lead_fts(lead_fts, rank) VALUES ('integrity-check', 1)")
    assert _search(conn, "old") == [1]
    assert _search(conn, "bruno OR carla OR dora OR cambiada") == []
    conn.close()


def test_revert_from_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    path = write_csv(tmp_path, "a.csv", "Ana,A,ana@example.org,,,,\n,,nope,,,,\n")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["rows_read"], report["imported"], report["rejected"]) == (2, 1, 1)
    assert report["rejections"][0]["row"] == 2
    assert report["rejections"][0]["column"] == "Correo"
    reverted = runner.invoke(
        main, ["--db", str(db), "import", "--revert", str(report["batch_id"]), "--yes"]
    )
    assert reverted.exit_code == 0, reverted.output
    assert "Reverted batch 1: 1 lead removed, 0 restored." in reverted.output
    listing = runner.invoke(main, ["--db", str(db), "list", "--json"])
    assert listing.output.strip() == ""


def test_map_override_and_source(store: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Contacto,Extra\nAna,ana@example.org,keep out\n", encoding="utf-8")
    preview = store.imports.preview_import(
        path, overrides={"Who": "first_name", "Contacto": "email"}
    )
    assert preview.mapping == ["first_name", "email", "ignore"]
    report = store.imports.import_rows(preview, ImportOptions(source="event"))
    assert report.imported == 1
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT first_name, email, source FROM lead").fetchone() == (
        "Ana",
        "ana@example.org",
        "event",
    )
    conn.close()
    with pytest.raises(ImportRefused, match="does not have"):
        store.imports.preview_import(path, overrides={"Nope": "email"})
    with pytest.raises(ImportRefused, match="Unknown field"):
        from leadtui.io.mapping import parse_overrides

        parse_overrides(["Who=shoe_size"])


def test_cancel_rolls_back(store: LeadStore, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, "big.csv", "".join(f"P{i},L,p{i}@example.org,,,,\n" for i in range(50))
    )
    cancel = threading.Event()

    def progress(done: int) -> None:
        cancel.set()

    options = ImportOptions(chunk_size=10, cancel=cancel)
    with pytest.raises(ImportCancelled):
        store.imports.import_rows(store.imports.preview_import(path), options, progress)
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT count(*) FROM lead").fetchone() == (0,)
    conn.close()


def test_rows_spanning_chunks_dedupe_against_earlier_chunks(
    store: LeadStore, tmp_path: Path
) -> None:
    rows = "".join(f"P{i},L,p{i % 7}@example.org,,,,\n" for i in range(40))
    path = write_csv(tmp_path, "chunks.csv", rows)
    report = run(store, path, chunk_size=5, on_duplicate="merge")
    assert (report.imported, report.merged) == (7, 33)
    assert report.accounted == 40


def test_wrong_cell_counts(store: LeadStore, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, "w.csv", "Ana,A,ana@example.org\nBob,B,bob@example.org,,,,,extra\n,,,,,,\n"
    )
    report = run(store, path)
    assert (report.imported, report.rejected, report.skipped) == (1, 1, 1)
    assert report.rejections[0].row == 2


def test_cli_counts_group_thousands(tmp_path: Path) -> None:
    """A big import's summary is readable: counts over 999 are grouped."""
    db = tmp_path / "cli.db"
    rows = "".join(f"Ana,A,ana{n}@example.org,,,,\n" for n in range(1200))
    path = write_csv(tmp_path, "many.csv", rows)
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Rows read 1,200: imported 1,200, updated 0" in result.output
    reverted = runner.invoke(main, ["--db", str(db), "import", "--revert", "1", "--yes"])
    assert "1,200 leads removed" in reverted.output
