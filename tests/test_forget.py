"""Erasure: the person is gone from every database file, a tombstone remains."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadtui.cli import main
from leadtui.errors import NotFoundError
from leadtui.io.csv_import import ImportOptions
from leadtui.rows import LeadFilter, LeadInput
from leadtui.store import LeadStore

EMAIL = "zebulonia.quixote@forgetme-example.org"
SECRETS = (EMAIL.encode(), b"Zebulonia", b"zebulonia", b"Quixotic Widgets", b"quixotic",
           b"whispered secret note", b"+34699887766")


def files_of(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def leftovers(path: Path) -> list[tuple[str, bytes]]:
    """Which secret byte strings are still in the db, -wal or -shm file."""
    found = []
    for file in files_of(path):
        data = file.read_bytes()
        found += [(file.name, secret) for secret in SECRETS if secret in data]
    return found


def add_person(store: LeadStore) -> int:
    lead = store.add_lead(LeadInput(first_name="Zebulonia", last_name="Quixote", email=EMAIL,
                                    phone="+34 699 887 766", company="Quixotic Widgets",
                                    tags=["vip"]))
    assert lead.id is not None
    store.add_activity(lead.id, "note", "whispered secret note")
    store.move_lead(lead.id, "contacted")
    for i in range(30):  # neighbours on the same pages, so deletion cannot just drop a page
        store.add_lead(LeadInput(first_name=f"Other{i}", email=f"o{i}@example.org",
                                 company="Widgets"))
    return lead.id


def test_forget_leaves_no_bytes_behind(store: LeadStore, tmp_path: Path) -> None:
    lead_id = add_person(store)
    # An import that updated the person keeps a before-image for revert: it must go too.
    csv_path = tmp_path / "upd.csv"
    csv_path.write_text(f"email,job_title\n{EMAIL},Boss\n", encoding="utf-8")
    store.import_rows(store.preview_import(csv_path), ImportOptions(on_duplicate="update"))
    store.count_leads(LeadFilter())  # a read connection stays open, as in the app
    assert leftovers(store.path), "the person must be in the files before"
    tombstone = store.forget_lead(lead_id)
    assert leftovers(store.path) == []
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT count(*) FROM lead WHERE id = ?", (lead_id,)).fetchone() == (0,)
    for table in ("activity", "stagechange", "leadtag"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE lead_id = ?",
                            (lead_id,)).fetchone() == (0,)
    assert conn.execute("SELECT id FROM tombstone").fetchall() == [(tombstone,)]
    assert conn.execute("SELECT count(*) FROM lead").fetchone() == (30,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('integrity-check')").rowcount
    assert conn.execute("SELECT count(*) FROM lead_fts WHERE lead_fts MATCH 'widgets'"
                        ).fetchone() == (30,)
    conn.close()


def test_forget_cli_by_email(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    runner = CliRunner()
    added = runner.invoke(main, ["--db", str(db), "add", "--first-name", "Zebulonia",
                                 "--email", EMAIL, "--company", "Quixotic Widgets"])
    assert added.exit_code == 0, added.output
    result = runner.invoke(main, ["--db", str(db), "forget", EMAIL.upper()])
    assert result.exit_code == 0, result.output
    assert "tombstone 1" in result.output
    assert leftovers(db) == []
    again = runner.invoke(main, ["--db", str(db), "forget", EMAIL])
    assert again.exit_code == 1
    assert "No lead" in again.output


def test_forget_unknown_id(store: LeadStore) -> None:
    with pytest.raises(NotFoundError):
        store.forget_lead(999)
