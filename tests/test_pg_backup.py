"""leadtui's own backups of a PostgreSQL database: a data dump in the backups folder,
listed, restored in one transaction (refusing a newer schema), and forget erases the
person from them; plus the CLI commands, and a client killed mid-import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from db_tables import every_table

from leadtui.cli import main
from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.rows import LeadInput
from leadtui.storage.base import Person
from leadtui.store import LeadStore

_WRITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'leadtui' "
    "AND backend_xid IS NOT NULL"
)
"""How many leadtui connections are inside a transaction that has written."""


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def pg_demo(pg_demo_url: str, data_home: Path) -> Iterator[LeadStore]:
    from conftest import fixed_clock

    store = LeadStore.open(pg_demo_url, clock=fixed_clock)
    yield store
    store.close()


def test_backup_and_restore_give_back_every_table(pg_demo: LeadStore, data_home: Path) -> None:
    store = pg_demo
    before = every_table(store)
    backup = store.maintenance.backup("manual")
    assert backup.parent == data_home / "leadtui" / "backups"
    assert backup.stat().st_mode & 0o777 == 0o600
    assert [info.path for info in store.maintenance.list_backups()] == [backup]
    added = store.leads.add_lead(LeadInput(first_name="After", email="after@example.org"))
    first = before["lead"][0][0]
    store.pipeline.move_lead(first, "won")
    result = store.maintenance.restore(backup)
    assert every_table(store) == before
    assert result.previous_saved_as is not None and result.previous_saved_as.exists()
    again = store.leads.add_lead(LeadInput(first_name="New", email="new@example.org"))
    assert again.id == added.id  # the identity continues after the restored ids
    store.maintenance.restore(result.previous_saved_as)  # the replaced data comes back too
    assert store.leads.find_by_email("after@example.org") is not None


def _with_header(backup: Path, target: Path, **changes: object) -> Path:
    lines = backup.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text(json.dumps(json.loads(lines[0]) | changes) + "\n" + "".join(lines[1:]))
    return target


def test_restore_refuses_a_newer_schema_or_a_cut_file(pg_demo: LeadStore, tmp_path: Path) -> None:
    store = pg_demo
    backup = store.maintenance.backup("manual")
    before = every_table(store)
    newer = _with_header(backup, tmp_path / "newer.jsonl", schema=999)
    with pytest.raises(DatabaseRefused, match="newer leadtui"):
        store.maintenance.restore(newer)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(backup.read_text().splitlines(keepends=True)[:-1]))
    with pytest.raises(DatabaseRefused, match="not a leadtui backup"):
        store.maintenance.restore(cut)
    other = tmp_path / "other.jsonl"
    other.write_text('{"format": "something"}\n')
    with pytest.raises(DatabaseRefused):
        store.maintenance.restore(other)
    assert every_table(store) == before


def test_forget_erases_the_person_from_the_backups(pg_demo: LeadStore) -> None:
    store = pg_demo
    lead = store.leads.add_lead(LeadInput(first_name="Zeb", email="zeb.secret@example.org"))
    assert lead.id is not None
    store.touches.add_activity(lead.id, "note", "whispered secret note")
    backup = store.maintenance.backup("manual")
    assert "zeb.secret" in backup.read_text()
    who = Person(lead.id, lead.created_at, lead.email_key)
    store.imports.forget_lead(lead.id)
    done = store.imports.forget_in_backups(who)
    assert (done.erased, done.checked, done.failed) == ([backup], 1, [])
    text = backup.read_text()
    assert "zeb.secret" not in text and "whispered" not in text
    store.maintenance.restore(backup)  # still a whole, restorable dump
    assert store.leads.find_by_email("zeb.secret@example.org") is None


def test_cli_backup_list_restore_and_forget(pg_demo_url: str, data_home: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["--db", pg_demo_url, "backup"])
    assert made.exit_code == 0, made.output
    assert "Backup written to" in made.output
    listed = runner.invoke(main, ["--db", pg_demo_url, "backup", "--list"])
    assert listed.exit_code == 0 and "manual" in listed.output
    restored = runner.invoke(main, ["--db", pg_demo_url, "restore", "--yes"])
    assert restored.exit_code == 0, restored.output
    assert "kept as" in restored.output
    forgot = runner.invoke(main, ["--db", pg_demo_url, "forget", "--yes", "1"])
    assert forgot.exit_code == 0, forgot.output
    assert "VACUUM (FULL)" in forgot.output and "Also erased from" in forgot.output


def test_cli_import_and_revert(pg_url: str, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("first_name,email\nAna,ana@example.org\nBea,bea@example.org\n")
    runner = CliRunner()
    done = runner.invoke(main, ["--db", pg_url, "import", str(path)])
    assert done.exit_code == 0, done.output
    with psycopg.connect(pg_url) as conn:
        (batch_id,) = conn.execute("SELECT id FROM importbatch").fetchone() or (0,)
        assert conn.execute("SELECT count(*) FROM lead").fetchone() == (2,)
    reverted = runner.invoke(main, ["--db", pg_url, "import", "--revert", str(batch_id), "--yes"])
    assert reverted.exit_code == 0, reverted.output
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM lead").fetchone() == (0,)


def test_kill_9_mid_import_leaves_nothing(pg_demo: LeadStore, tmp_path: Path) -> None:
    """A client killed while it copies a big file: the server rolls its transaction back."""
    store = pg_demo
    url = store.backend.url  # type: ignore[attr-defined]
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write("first_name,last_name,email,company\n")
        for i in range(200_000):
            out.write(f"P{i},Kill,p{i}@kill-example.org,Co {i % 97}\n")
    before = every_table(store)
    child = subprocess.Popen(
        [sys.executable, "-m", "leadtui", "--db", url, "import", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            deadline = time.monotonic() + 60
            written = 0
            while time.monotonic() < deadline and child.poll() is None:
                busy = conn.execute(_WRITING).fetchone()
                written = busy[0] if busy else 0
                if written:
                    break
                time.sleep(0.05)
            assert written, "the import never started writing"
            time.sleep(0.5)  # well inside the load of 200,000 rows
            assert child.poll() is None, "the import finished before it could be killed"
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                left = conn.execute(_WRITING).fetchone()
                if left == (0,):
                    break
                time.sleep(0.05)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert every_table(store) == before
