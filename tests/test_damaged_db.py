"""Damaged, foreign and newer databases are refused unchanged; the app shows the problem screen."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import open_store
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.storage.sqlite.backup import latest_backup, make_backup
from leadtui.storage.sqlite.wal_check import wal_path
from leadtui.ui.screens.database_problem import DatabaseProblemScreen, problem_app

SIZE = (120, 36)


def _healthy(path: Path, leads: int = 300) -> None:
    store = open_store(path)
    store.imports.bulk_insert_leads(
        {"first_name": f"Lead {i}", "company": "Acme"} for i in range(leads)
    )
    store.close()


def random_bytes(path: Path) -> None:
    """Noise where the database should be."""
    path.write_bytes(random.Random(7).randbytes(40_000))


def truncated(path: Path) -> None:
    """A real database cut in half."""
    _healthy(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zero_bytes(path: Path) -> None:
    """An empty file."""
    path.write_bytes(b"")


def other_app(path: Path) -> None:
    """Another program's SQLite file."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not yours')")
    conn.commit()
    conn.close()


def newer_schema(path: Path) -> None:
    """A database written by a future leadtui."""
    _healthy(path, leads=3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def stale_wal_garbage(path: Path) -> None:
    """A healthy database with a -wal full of noise beside it."""
    _healthy(path, leads=3)
    wal_path(path).write_bytes(random.Random(3).randbytes(8192))


def stale_wal_page_size(path: Path) -> None:
    """A healthy database with the -wal of a database of another page size beside it."""
    _healthy(path, leads=3)
    other = path.with_name("other.db")
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA page_size=1024")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    wal_path(path).write_bytes(wal_path(other).read_bytes())
    conn.close()


def orphan_wal(path: Path) -> None:
    """A -wal whose database is gone."""
    _healthy(path, leads=3)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE lead SET company = 'x'")
    conn.commit()
    data = wal_path(path).read_bytes()
    conn.close()
    path.unlink()
    wal_path(path).write_bytes(data)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "random-bytes": random_bytes,
    "truncated": truncated,
    "zero-bytes": zero_bytes,
    "other-app": other_app,
    "newer-schema": newer_schema,
    "stale-wal": stale_wal_garbage,
    "wal-other-page-size": stale_wal_page_size,
    "orphan-wal": orphan_wal,
}


def fingerprint(path: Path) -> dict[str, str | None]:
    """Hashes of the file and its -wal/-shm (None if absent)."""
    result: dict[str, str | None] = {}
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        result[suffix] = hashlib.sha256(part.read_bytes()).hexdigest() if part.exists() else None
    return result


@pytest.fixture(params=sorted(DAMAGES))
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A damaged database file of each kind."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "leads.db"
    DAMAGES[request.param](path)
    return path


def test_store_refuses_and_leaves_file_unchanged(damaged: Path) -> None:
    """open_store raises DatabaseRefused with a message naming the file; no byte changes."""
    before = fingerprint(damaged)
    with pytest.raises(DatabaseRefused) as caught:
        open_store(damaged)
    assert damaged.name in str(caught.value)
    assert fingerprint(damaged) == before


@pytest.mark.parametrize("command", [["list"], ["add", "--first-name", "X"]])
def test_cli_prints_one_line_and_exits_1(damaged: Path, command: list[str]) -> None:
    """Every command prints one clear line on stderr and exits 1; the file is unchanged."""
    before = fingerprint(damaged)
    result = subprocess.run(
        [sys.executable, "-m", "leadtui", "--db", str(damaged), *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "Traceback" not in result.stderr
    assert fingerprint(damaged) == before


async def test_app_shows_problem_screen(damaged: Path) -> None:
    """The app shows the problem screen with the reason, and quits without touching the file."""
    before = fingerprint(damaged)
    with pytest.raises(DatabaseRefused) as caught:
        open_store(damaged)
    app = problem_app(damaged, str(caught.value))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DatabaseProblemScreen)
        reason = app.screen.query_one("#problem-reason", Static)
        assert str(caught.value) in str(reason.render())
        assert app.screen.backup is None
        await pilot.press("r")  # nothing to restore: ignored
        assert isinstance(app.screen, DatabaseProblemScreen)
        await pilot.press("q")
    assert app.return_value is False
    assert fingerprint(damaged) == before


async def test_app_offers_and_restores_the_backup(tmp_path: Path) -> None:
    """With a backup, r then y restores it; the damaged file is kept in backups/."""
    path = tmp_path / "data" / "leads.db"
    _healthy(path, leads=5)
    make_backup(path)
    damaged_bytes = random.Random(1).randbytes(9000)
    path.write_bytes(damaged_bytes)
    app = problem_app(path, "damaged")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DatabaseProblemScreen) and screen.backup is not None
        assert "Latest backup" in str(screen.query_one("#problem-backup", Static).render())
        await pilot.press("r")
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value is True
    store = open_store(path)
    assert store.reads.count_list(LeadFilter()).total == 5
    store.close()
    kept = [p for p in (path.parent / "backups").iterdir() if "-damaged-" in p.name]
    assert [p.read_bytes() for p in kept if p.suffix == ".db"] == [damaged_bytes]


def test_latest_backup_is_offered_for_each_damage(damaged: Path) -> None:
    """A backup taken earlier is found for the refused file (damage kinds share one folder)."""
    healthy = damaged.with_name("leads-backup-source.db")
    _healthy(healthy, leads=2)
    backup = make_backup(healthy)
    os.replace(backup, backup.with_name(backup.name.replace("leads-backup-source", "leads")))
    found = latest_backup(damaged)
    assert found is not None and found.reason == "manual"


def test_run_tui_shows_problem_app_instead_of_traceback(
    damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`leadtui` on a refused file runs the problem app; quitting it exits 1."""
    import leadtui.ui.screens.database_problem as problem
    from leadtui.launch import run_tui

    shown: list[str] = []

    class FakeApp:
        def run(self) -> bool:
            return False

    def fake_problem_app(path: Path, reason: str) -> FakeApp:
        shown.append(reason)
        return FakeApp()

    monkeypatch.setattr(problem, "problem_app", fake_problem_app)
    with pytest.raises(SystemExit) as exited:
        run_tui(damaged)
    assert exited.value.code == 1
    assert len(shown) == 1 and damaged.name in shown[0]


def test_crash_wal_is_replayed_not_refused(tmp_path: Path) -> None:
    """A -wal left by a crash holds committed work: it is accepted and the work is there."""
    path = tmp_path / "leads.db"
    _healthy(path, leads=1)
    store = open_store(path)
    store.leads.add_lead(LeadInput(first_name="Committed"))
    # Copy the files as a crash would leave them, with the WAL not yet checkpointed.
    copy = tmp_path / "copy" / "leads.db"
    copy.parent.mkdir()
    for suffix in ("", "-wal"):
        copy.with_name(copy.name + suffix).write_bytes(
            path.with_name(path.name + suffix).read_bytes()
        )
    store.close()
    assert wal_path(copy).stat().st_size > 0
    reopened = open_store(copy)
    assert reopened.reads.count_list(LeadFilter()).total == 2
    reopened.close()
