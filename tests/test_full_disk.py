"""A full disk: a clear message, the transaction rolled back, the form and export target kept."""

from __future__ import annotations

import hashlib
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from textual.widgets import Input
from waiting import settle

import leadtui.storage.sqlite.connections
from leadtui.domain.errors import StorageError
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import make_app, open_store
from leadtui.storage.sqlite.connect import connect_sqlite
from leadtui.store import LeadStore


def fill_to_the_brim(path: Path, store: LeadStore, monkeypatch: pytest.MonkeyPatch) -> int:
    """Cap the file at its size (``max_page_count``) on every connection and fill the rest.

    Every connection: the ORM engine's, and the stdlib ones bulk jobs open.
    """
    conn = sqlite3.connect(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0] + 4
    conn.execute(f"PRAGMA max_page_count={pages}")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("CREATE TABLE filler (x BLOB)")
    for size in (2000, 500, 100, 20, 1):
        try:
            while True:
                conn.execute("INSERT INTO filler VALUES (zeroblob(?))", (size,))
                conn.commit()
        except sqlite3.OperationalError as error:
            assert "full" in str(error)
            conn.rollback()
    conn.close()

    @event.listens_for(store.engine(), "connect")
    def _cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    def capped(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect_sqlite(*args, **kwargs)
        conn.execute(f"PRAGMA max_page_count={pages}")
        return conn

    monkeypatch.setattr(leadtui.storage.sqlite.connections, "connect_sqlite", capped)
    return int(pages)


@pytest.fixture
def full_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LeadStore:
    """A store whose file cannot grow any more."""
    path = tmp_path / "data" / "leads.db"
    store = open_store(path)
    store.leads.add_lead(LeadInput(first_name="Before"))
    store.close()
    store = open_store(path)
    fill_to_the_brim(path, store, monkeypatch)
    return store


def test_add_on_full_disk_is_clear_and_rolled_back(full_store: LeadStore) -> None:
    """add_lead raises StorageError (a LeadtuiError) and writes nothing."""
    with pytest.raises(StorageError, match="disk is full"):
        for index in range(50):  # a few may still fit in the last free bytes
            full_store.leads.add_lead(LeadInput(first_name=f"Extra {index}", company="x" * 200))
    total = full_store.reads.count_list(LeadFilter()).total
    full_store.close()
    conn = sqlite3.connect(full_store.path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM lead").fetchone()[0] == total
    assert conn.execute("SELECT count(*) FROM stagechange").fetchone()[0] == total
    conn.close()


def test_import_on_full_disk_lands_entirely_or_not_at_all(full_store: LeadStore) -> None:
    """A 2,000-row bulk import that does not fit leaves no row behind."""
    with pytest.raises(StorageError):
        full_store.imports.bulk_insert_leads(
            {"first_name": f"Row {i}", "campaign": "big"} for i in range(2000)
        )
    conn = sqlite3.connect(full_store.path)
    assert conn.execute("SELECT count(*) FROM lead WHERE campaign = 'big'").fetchone()[0] == 0
    conn.close()
    full_store.close()


def test_csv_import_on_full_disk_lands_entirely_or_not_at_all(
    full_store: LeadStore, tmp_path: Path
) -> None:
    """A file import that does not fit: a clear error, no lead and no batch left behind."""
    from leadtui.io.csv_import import ImportOptions

    path = tmp_path / "big.csv"
    path.write_text(
        "First name,Email,Company\n"
        + "".join(f"Row {i},row{i}@example.org,{'z' * 150}\n" for i in range(2000)),
        encoding="utf-8",
    )
    with pytest.raises(StorageError, match="disk is full"):
        full_store.imports.import_rows(full_store.imports.preview_import(path), ImportOptions())
    conn = sqlite3.connect(full_store.path)
    assert conn.execute("SELECT count(*) FROM lead WHERE email LIKE 'row%'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM importbatch").fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    full_store.close()


def exhaust(store: LeadStore) -> None:
    """Add leads like the form's until the disk refuses one."""
    with pytest.raises(StorageError):
        for _index in range(100):
            store.leads.add_lead(LeadInput(first_name="Ana Unsaved", company="y" * 200))


async def test_form_keeps_its_content_on_full_disk(full_store: LeadStore) -> None:
    """Saving a new lead on a full disk shows an error; the form stays open with the text."""
    exhaust(full_store)
    before = full_store.reads.count_list(LeadFilter()).total
    app = make_app(full_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        first = app.screen.query_one("#in-first_name", Input)
        # Not like the leads exhaust() added: a probable duplicate would be asked about first.
        first.value = "Bea Unsaved"
        app.screen.query_one("#in-company", Input).value = "z" * 200
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "LeadFormScreen"
        assert app.screen.query_one("#in-first_name", Input).value == "Bea Unsaved"
        messages = [str(n.message) for n in app._notifications]
        assert any("disk is full" in message for message in messages), messages
    assert open_store(full_store.path).reads.count_list(LeadFilter()).total == before


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_write_on_full_disk_prints_one_line(tmp_path: Path) -> None:
    """`leadtui add` when no file may grow: one line on stderr, exit 1, nothing written."""
    path = tmp_path / "data" / "leads.db"
    open_store(path).close()
    before = _digest(path)
    result = subprocess.run(
        [sys.executable, "-m", "leadtui", "--db", str(path), "add", "--first-name", "Ana"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _limit_file_size(8192),
    )
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "nothing was saved" in lines[0]
    store = open_store(path)
    assert store.reads.count_list(LeadFilter()).total == 0
    store.close()
    assert before == _digest(path) or sqlite3.connect(path).execute(
        "PRAGMA integrity_check"
    ).fetchone() == ("ok",)


def test_export_on_full_disk_leaves_target_untouched(tmp_path: Path) -> None:
    """An export that hits a full disk fails clearly; the old file is intact, no temp left."""
    path = tmp_path / "data" / "leads.db"
    store = open_store(path)
    store.imports.bulk_insert_leads(
        {"first_name": f"Lead {i}", "company": "Acme " * 20} for i in range(3000)
    )
    store.close()
    target = tmp_path / "out" / "leads.csv"
    target.parent.mkdir()
    target.write_text("previous export\n")
    before = _digest(target)
    result = subprocess.run(
        [sys.executable, "-m", "leadtui", "--db", str(path), "export", str(target), "--force"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _limit_file_size(64_000),
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "disk is full" in result.stderr and "unchanged" in result.stderr
    assert _digest(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["leads.csv"]
