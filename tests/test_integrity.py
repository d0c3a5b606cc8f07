"""Corruption in the middle of the file (#20 item 4) and a file made read-only while
open (item 10): no write lands, no corrupt copy pushes a good backup out."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from leadtui.cli import main
from leadtui.domain.errors import ReadOnlyError
from leadtui.domain.rows import LeadInput
from leadtui.launch import open_store

PAGE = 4096


def run(db: Path, *args: str) -> Result:
    """The CLI in-process on ``db``."""
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def digest(path: Path) -> str:
    """The file's SHA-256 (with its -wal, if any)."""
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(data + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


def flip_random_pages(path: Path, seed: int, pages: int = 3) -> None:
    """Overwrite the first 200 bytes of ``pages`` random pages (never page 1).

    The start of a b-tree page is its header and cell pointers, which quick_check reads;
    bytes further in may be the page's unused gap, where damage changes nothing.
    """
    chooser = random.Random(seed)
    count = path.stat().st_size // PAGE
    with path.open("r+b") as handle:
        for page in chooser.sample(range(2, count), pages):
            handle.seek(page * PAGE)
            handle.write(chooser.randbytes(200))


def quick_check_fails(path: Path) -> bool:
    """What SQLite itself says, independently of leadtui."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """300 leads imported through the CLI, two good backups kept at most."""
    monkeypatch.setenv("LEADTUI_BACKUPS", "2")
    path = tmp_path / "leads.db"
    csv = tmp_path / "in.csv"
    rows = "".join(f"u{i}@example.com,Name{i},Company {i}\n" for i in range(300))
    csv.write_text("email,first_name,company\n" + rows, encoding="utf-8")
    assert run(path, "import", str(csv)).exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # No free pages: damage in a page no table uses is damage quick_check cannot see.
    conn.execute("VACUUM")
    conn.close()
    return path


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_page_damage_is_found_and_no_write_lands(db: Path, seed: int) -> None:
    for _ in range(2):
        assert run(db, "backup").exit_code == 0
    backups = db.parent / "backups"
    good = sorted(p.name for p in backups.iterdir())
    flip_random_pages(db, seed)
    assert quick_check_fails(db)
    # A backup is the first thing to check: refused, and the good ones stay.
    result = run(db, "backup")
    assert result.exit_code == 1 and "damaged" in result.stderr
    assert sorted(p.name for p in backups.iterdir()) == good
    before = digest(db)
    for args in (
        ("add", "--email", "new@example.com"),
        ("move", "5", "won"),
        ("import", str(db.parent / "in.csv")),
        ("forget", "u7@example.com"),
        ("import", "--revert", "1"),
        ("backup",),
    ):
        result = run(db, *args)
        assert result.exit_code == 1, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "leadtui restore" in result.stderr
    assert digest(db) == before
    assert sorted(p.name for p in backups.iterdir()) == good
    checked = run(db, "check")
    assert checked.exit_code == 1 and ".recover" in checked.stderr
    # The way out: the newest good backup, the damaged file kept byte for byte.
    restored = run(db, "restore", "--yes")
    assert restored.exit_code == 0, restored.output
    assert run(db, "check").exit_code == 0
    assert run(db, "add", "--email", "after@example.com").exit_code == 0
    kept = [p for p in backups.iterdir() if "-damaged-" in p.name and p.suffix == ".db"]
    assert len(kept) == 1 and quick_check_fails(kept[0])


def test_an_import_checks_first(db: Path, tmp_path: Path) -> None:
    flip_random_pages(db, 2)
    before = digest(db)
    csv = tmp_path / "more.csv"
    csv.write_text("email\nfresh@example.com\n", encoding="utf-8")
    result = run(db, "import", str(csv))
    assert result.exit_code == 1 and "damaged" in result.stderr
    assert digest(db) == before


def test_a_migration_checks_first(db: Path) -> None:
    from leadtui.storage.sqlite.db import migrate

    flip_random_pages(db, 3)
    with pytest.raises(Exception, match="damaged"):
        migrate(db, 1)
    assert not (db.parent / "backups").exists() or not list((db.parent / "backups").iterdir())


def test_the_daily_backup_marks_a_damaged_file(db: Path) -> None:
    from leadtui.storage.sqlite.backup import daily_backup

    flip_random_pages(db, 4)
    assert daily_backup(db) is None  # in the background: no exception
    result = run(db, "list")
    assert result.exit_code == 1 and "damaged" in result.stderr


def test_a_sound_check_clears_a_stale_mark(db: Path) -> None:
    (db.parent / "leads.db-damaged").write_text("was damaged\n")
    assert run(db, "list").exit_code == 1
    assert run(db, "check").exit_code == 0
    assert run(db, "list").exit_code == 0


def test_chmod_444_during_a_session_stops_writes(db: Path) -> None:
    store = open_store(db)
    try:
        store.leads.add_lead(LeadInput(first_name="Before"))
        os.chmod(db, 0o444)
        before = digest(db)
        with pytest.raises(ReadOnlyError, match="read-only"):
            store.leads.add_lead(LeadInput(first_name="After"))
        with pytest.raises(ReadOnlyError):
            store.pipeline.move_lead(1, "won", "")
        assert digest(db) == before
    finally:
        os.chmod(db, 0o600)
        store.close()


def test_a_session_stops_writing_once_a_check_marks_the_file(db: Path) -> None:
    from leadtui.domain.errors import DatabaseRefused
    from leadtui.storage.sqlite.backup import daily_backup

    store = open_store(db)
    try:
        store.leads.add_lead(LeadInput(first_name="Before"))
        other = sqlite3.connect(db)
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no newer page copy in the -wal
        other.close()
        flip_random_pages(db, 5)
        assert daily_backup(db) is None  # the background check finds the damage
        before = digest(db)
        with pytest.raises(DatabaseRefused, match="damaged"):
            store.leads.add_lead(LeadInput(first_name="After"))
        assert digest(db) == before
    finally:
        store.close()
