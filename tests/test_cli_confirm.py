"""Promises of the CLI: a dry run writes no file; destructive commands ask first."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from leadtui.cli import confirm, main


def test_dry_run_import_does_not_create_the_database(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("first_name,email\nAna,ana@example.org\n", encoding="utf-8")
    db = tmp_path / "folder" / "never.db"
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "imported 1" in result.output and "Dry run: nothing was written." in result.output
    assert not db.exists() and not db.parent.exists()


def _with_person(tmp_path: Path) -> Path:
    db = tmp_path / "leads.db"
    added = CliRunner().invoke(
        main, ["--db", str(db), "add", "--first-name", "Zoe", "--email", "zoe@example.org"]
    )
    assert added.exit_code == 0, added.output
    return db


def _count(db: Path) -> int:
    result = CliRunner().invoke(main, ["--db", str(db), "list", "--json"])
    return len(result.output.splitlines())


def test_forget_needs_yes_off_a_terminal(tmp_path: Path) -> None:
    db = _with_person(tmp_path)
    refused = CliRunner().invoke(main, ["--db", str(db), "forget", "zoe@example.org"], input="y\n")
    assert refused.exit_code == 1
    assert "Zoe" in refused.output and "--yes" in refused.output
    assert _count(db) == 1
    done = CliRunner().invoke(main, ["--db", str(db), "forget", "zoe@example.org", "--yes"])
    assert done.exit_code == 0, done.output
    assert _count(db) == 0


def test_forget_asks_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _with_person(tmp_path)
    monkeypatch.setattr(confirm, "stdin_is_terminal", lambda: True)
    kept = CliRunner().invoke(main, ["--db", str(db), "forget", "zoe@example.org"], input="n\n")
    assert kept.exit_code == 0, kept.output
    assert "Erase Zoe (zoe@example.org, lead 1) for good" in kept.output
    assert "Nothing was changed." in kept.output and _count(db) == 1
    gone = CliRunner().invoke(main, ["--db", str(db), "forget", "zoe@example.org"], input="y\n")
    assert gone.exit_code == 0, gone.output
    assert _count(db) == 0


def test_restore_needs_yes_off_a_terminal(tmp_path: Path) -> None:
    db = _with_person(tmp_path)
    assert CliRunner().invoke(main, ["--db", str(db), "backup"]).exit_code == 0
    refused = CliRunner().invoke(main, ["--db", str(db), "restore"], input="y\n")
    assert refused.exit_code == 1 and "--yes" in refused.output
