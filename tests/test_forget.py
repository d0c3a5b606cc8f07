"""Erasure: the person is gone from every database file, a tombstone remains."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from leadtui.cli import main
from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.storage.sqlite.backup import make_backup
from leadtui.store import LeadStore

EMAIL = "zebulonia.quixote@forgetme-example.org"
SECRETS = (
    EMAIL.encode(),
    b"Zebulonia",
    b"zebulonia",
    b"Quixotic Widgets",
    b"quixotic",
    b"whispered secret note",
    b"+34699887766",
)


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
    lead = store.leads.add_lead(
        LeadInput(
            first_name="Zebulonia",
            last_name="Quixote",
            email=EMAIL,
            phone="+34 699 887 766",
            company="Quixotic Widgets",
            tags=["vip"],
        )
    )
    assert lead.id is not None
    store.touches.add_activity(lead.id, "note", "whispered secret note")
    store.pipeline.move_lead(lead.id, "contacted")
    for i in range(30):  # neighbours on the same pages, so deletion cannot just drop a page
        store.leads.add_lead(
            LeadInput(first_name=f"Other{i}", email=f"o{i}@example.org", company="Widgets")
        )
    return lead.id


def test_forget_leaves_no_bytes_behind(store: LeadStore, tmp_path: Path) -> None:
    lead_id = add_person(store)
    # An import that updated the person keeps a before-image for revert: it must go too.
    csv_path = tmp_path / "upd.csv"
    csv_path.write_text(f"email,job_title\n{EMAIL},Boss\n", encoding="utf-8")
    store.imports.import_rows(
        store.imports.preview_import(csv_path), ImportOptions(on_duplicate="update")
    )
    store.reads.count_list(LeadFilter())  # a read connection stays open, as in the app
    assert leftovers(store.path), "the person must be in the files before"
    tombstone = store.imports.forget_lead(lead_id)
    assert leftovers(store.path) == []
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT count(*) FROM lead WHERE id = ?", (lead_id,)).fetchone() == (0,)
    for table in ("activity", "stagechange", "leadtag"):
        assert conn.execute(
            f"SELECT count(*) FROM {table} WHERE lead_id = ?", (lead_id,)
        ).fetchone() == (0,)
    assert conn.execute("SELECT id FROM tombstone").fetchall() == [(tombstone,)]
    assert conn.execute("SELECT count(*) FROM lead").fetchone() == (30,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('integrity-check')").rowcount
    assert conn.execute(
        "SELECT count(*) FROM lead_fts WHERE lead_fts MATCH 'widgets'"
    ).fetchone() == (30,)
    conn.close()


def test_forget_cli_by_email(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "--db",
            str(db),
            "add",
            "--first-name",
            "Zebulonia",
            "--email",
            EMAIL,
            "--company",
            "Quixotic Widgets",
        ],
    )
    assert added.exit_code == 0, added.output
    result = runner.invoke(main, ["--db", str(db), "forget", EMAIL.upper(), "--yes"])
    assert result.exit_code == 0, result.output
    assert "tombstone 1" in result.output
    assert leftovers(db) == []
    again = runner.invoke(main, ["--db", str(db), "forget", EMAIL, "--yes"])
    assert again.exit_code == 1
    assert "No lead" in again.output


def test_forget_unknown_id(store: LeadStore) -> None:
    with pytest.raises(NotFoundError):
        store.imports.forget_lead(999)


def backup_leftovers(backup: Path) -> list[bytes]:
    """Which secrets are still in a backup file or a journal beside it."""
    files = [backup, *(Path(f"{backup}{s}") for s in ("-journal", "-wal", "-shm"))]
    data = b"".join(file.read_bytes() for file in files if file.exists())
    return [secret for secret in SECRETS if secret in data]


def forget(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--db", str(db), "forget", EMAIL, "--yes", *args])


def test_forget_erases_the_person_from_every_backup(store: LeadStore, tmp_path: Path) -> None:
    """Backups taken before still held the person; forget erases them there too."""
    add_person(store)
    csv_path = tmp_path / "upd.csv"
    csv_path.write_text(f"email,job_title\n{EMAIL},Boss\n", encoding="utf-8")
    store.imports.import_rows(
        store.imports.preview_import(csv_path), ImportOptions(on_duplicate="update")
    )
    backups = [make_backup(store.path), make_backup(store.path, reason="daily")]
    assert all(backup_leftovers(backup) for backup in backups)
    result = forget(store.path)
    assert result.exit_code == 0, result.output
    assert "Also erased from 2 backups (2 checked)." in result.output
    for backup in backups:
        assert backup_leftovers(backup) == []
        assert backup.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file
        conn = sqlite3.connect(backup)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM lead").fetchone() == (30,)
        assert conn.execute("SELECT count(*) FROM tombstone").fetchone() == (1,)
        assert conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('integrity-check')")
        conn.close()
    assert leftovers(store.path) == []


def test_forget_finds_an_earlier_row_of_the_same_person_by_email(store: LeadStore) -> None:
    """Erased, added again (a new id), erased again: the old row in a backup goes too."""
    first_id = add_person(store)
    backup = make_backup(store.path)
    assert forget(store.path, "--keep-backups").exit_code == 0
    again = store.leads.add_lead(LeadInput(first_name="Zebulonia", email=EMAIL))
    assert again.id != first_id
    assert backup_leftovers(backup)
    result = forget(store.path)
    assert result.exit_code == 0, result.output
    assert backup_leftovers(backup) == []


def test_keep_backups_leaves_them_and_says_so(store: LeadStore) -> None:
    add_person(store)
    backup = make_backup(store.path)
    result = forget(store.path, "--keep-backups")
    assert result.exit_code == 0, result.output
    assert "Backups were left as they are" in result.output
    assert backup_leftovers(backup)
    assert leftovers(store.path) == []


def test_a_backup_that_cannot_be_changed_is_reported(store: LeadStore) -> None:
    """A damaged backup is named (exit 1); the others are still erased."""
    add_person(store)
    good = make_backup(store.path)
    damaged = good.with_name(good.name.replace("-manual-", "-daily-"))
    damaged.write_bytes(b"not a database at all" * 100)
    result = forget(store.path)
    assert result.exit_code == 1
    assert "Also erased from 1 backup (1 checked)." in result.output
    assert f"Could not erase the person from backup {damaged}" in result.output
    assert backup_leftovers(good) == []


def test_forget_erases_the_leads_merged_into_the_person(store: LeadStore) -> None:
    """A merge keeps the merged-away lead (soft-deleted) and a snapshot of both, for
    unmerge: forgetting the survivor erases them too, to the last byte."""
    survivor = add_person(store)
    other = store.leads.add_lead(
        LeadInput(first_name="Zebulonia", last_name="Quixote", company="Quixotic Widgets")
    )
    assert other.id is not None
    store.touches.add_activity(other.id, "note", "whispered secret note")
    merged = store.merges.merge(survivor, other.id)
    assert merged.merge_id
    store.imports.forget_lead(survivor)
    assert leftovers(store.path) == []
    conn = sqlite3.connect(store.path)
    try:
        for lead_id in (survivor, other.id):
            found = conn.execute("SELECT count(*) FROM lead WHERE id = ?", (lead_id,))
            assert found.fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM leadmerge").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
