"""Rolling backups: taken before migrations, daily and on demand; listed, pruned, restored."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from leadtui.domain.errors import DatabaseRefused, LeadtuiError
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import open_store
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.storage.sqlite import db
from leadtui.storage.sqlite.backup import (
    daily_backup,
    daily_backup_due,
    latest_backup,
    list_backups,
    make_backup,
    restore_backup,
)


def _count(path: Path) -> int:
    store = open_store(path)
    try:
        return store.reads.count_list(LeadFilter()).total
    finally:
        store.close()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """A database with one lead."""
    path = tmp_path / "data" / "leads.db"
    store = open_store(path)
    store.leads.add_lead(LeadInput(first_name="Ana"))
    store.close()
    return path


def test_manual_backups_roll_over(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With LEADTUI_BACKUPS=3 only the newest three manual backups stay, newest first."""
    monkeypatch.setenv("LEADTUI_BACKUPS", "3")
    made = [make_backup(db_file) for _ in range(5)]
    listed = list_backups(db_file)
    assert [info.path for info in listed] == made[:1:-1]
    assert all(info.reason == "manual" and info.size > 0 for info in listed)


def test_daily_backup_once_per_day(db_file: Path) -> None:
    """The first start of a day backs up; later starts that day do not."""
    now = datetime.now(UTC)
    assert daily_backup_due(db_file, now)
    first = daily_backup(db_file, now)
    assert first is not None
    assert daily_backup(db_file, now) is None
    assert daily_backup_due(db_file, now + timedelta(days=1))
    assert not daily_backup_due(db_file.with_name("missing.db"), now)


def test_backup_is_a_consistent_copy_with_the_wal(db_file: Path) -> None:
    """A backup taken while changes sit in the WAL holds them."""
    store = open_store(db_file)
    store.leads.add_lead(LeadInput(first_name="Only in WAL"))
    backup = make_backup(db_file)
    store.close()
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT count(*) FROM lead").fetchone()[0] == 2
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_migration_takes_a_backup_first(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening an older schema backs it up, then migrates."""
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA user_version=0")
    conn.commit()
    conn.close()
    steps = {v: (lambda c: None) for v in range(0, SCHEMA_VERSION + 1)}
    monkeypatch.setattr(db, "MIGRATIONS", steps)
    assert _count(db_file) == 1
    reasons = [info.reason for info in list_backups(db_file)]
    assert reasons == ["pre-migration-v0"]


def test_missing_migration_still_leaves_a_backup(db_file: Path) -> None:
    """Without a migration step the file is refused unchanged, and the backup exists."""
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA user_version=0")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseRefused, match="No migration"):
        open_store(db_file)
    assert [info.reason for info in list_backups(db_file)] == ["pre-migration-v0"]


def test_restore_keeps_the_replaced_file(db_file: Path) -> None:
    """Restoring brings back the old state; the state it replaced becomes a backup."""
    backup = make_backup(db_file)
    store = open_store(db_file)
    store.leads.add_lead(LeadInput(first_name="After the backup"))
    store.close()
    result = restore_backup(db_file, backup)
    assert _count(db_file) == 1
    assert result.previous_saved_as is not None
    conn = sqlite3.connect(result.previous_saved_as)
    assert conn.execute("SELECT count(*) FROM lead").fetchone()[0] == 2
    conn.close()


def test_restore_refuses_a_bad_backup_and_changes_nothing(db_file: Path) -> None:
    """A damaged or foreign 'backup' is refused before anything is touched."""
    bad = db_file.with_name("bad.db")
    bad.write_bytes(b"not a database at all" * 300)
    before = db_file.read_bytes()
    with pytest.raises(DatabaseRefused):
        restore_backup(db_file, bad)
    assert db_file.read_bytes() == before


def test_restore_refuses_while_in_use(db_file: Path) -> None:
    """An open read transaction elsewhere makes restore refuse (close the app first)."""
    backup = make_backup(db_file)
    store = open_store(db_file)
    store.leads.add_lead(LeadInput(first_name="Busy"))
    reader = sqlite3.connect(db_file, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM lead").fetchone()
    try:
        with pytest.raises(LeadtuiError, match="in use"):
            restore_backup(db_file, backup)
    finally:
        reader.execute("COMMIT")
        reader.close()
        store.close()
    assert _count(db_file) == 2


def test_latest_backup_skips_unusable_files(db_file: Path) -> None:
    """The newest *usable* backup is offered."""
    good = make_backup(db_file)
    newer = good.with_name(good.name.replace("manual-", "manual-9"))
    newer.write_bytes(b"junk" * 100)
    found = latest_backup(db_file)
    assert found is not None and found.path == good


def test_cli_backup_list_and_restore(db_file: Path) -> None:
    """`leadtui backup`, `backup --list` and `restore --yes` work end to end."""
    base = [sys.executable, "-m", "leadtui", "--db", str(db_file)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], capture_output=True, text=True, timeout=60)

    made = run("backup")
    assert made.returncode == 0 and "Backup written to" in made.stdout
    assert run("add", "--first-name", "Later").returncode == 0
    listed = run("backup", "--list")
    assert listed.returncode == 0 and "manual" in listed.stdout
    restored = run("restore", "--yes")
    assert restored.returncode == 0 and "Restored" in restored.stdout
    assert _count(db_file) == 1
    refused = subprocess.run(
        [*base, "restore"], input="n\n", capture_output=True, text=True, timeout=60
    )
    # Piped input is no answer: off a terminal a restore needs --yes (nothing changed).
    assert refused.returncode == 1 and "--yes" in refused.stderr


def test_cli_restore_without_backups_fails_clearly(tmp_path: Path) -> None:
    """No backup: one line on stderr, exit 1."""
    path = tmp_path / "leads.db"
    open_store(path).close()
    result = subprocess.run(
        [sys.executable, "-m", "leadtui", "--db", str(path), "restore", "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: No usable backup")
