"""The ``leadtui`` command: each sub-command, and one clear line for bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import fixed_clock

from leadtui import __version__
from leadtui.cli import main
from leadtui.domain.rows import LeadFilter
from leadtui.launch import open_store


def run(db: Path, *args: str) -> Result:
    """Invoke the CLI in-process on ``db``."""
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def add(db: Path, *args: str) -> int:
    """``leadtui add``; returns the printed id."""
    result = run(db, "add", *args)
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.strip())


def count(db: Path) -> int:
    """Live leads in ``db``."""
    store = open_store(db, clock=fixed_clock, create=False)
    try:
        return store.reads.count_list(LeadFilter()).total
    finally:
        store.close()


def assert_one_line_error(result: Result, *fragments: str) -> None:
    """Exit 1, a single line on stderr mentioning ``fragments``, no traceback, no stdout."""
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with two leads made through the CLI."""
    path = tmp_path / "cli.db"
    add(
        path,
        "--first-name",
        "Ana",
        "--last-name",
        "García",
        "--email",
        "ana@example.com",
        "--company",
        "Acme [bold]S.L.",
        "--source",
        "event",
    )
    add(path, "--first-name", "Bob", "--email", "bob@example.com", "--stage", "Contacted")
    return path


class TestCommands:
    def test_add_prints_increasing_ids(self, db: Path) -> None:
        assert add(db, "--first-name", "Carla", "--phone", "+34 612 345 678") == 3
        store = open_store(db, create=False)
        try:
            lead = store.leads.get_lead(3)
        finally:
            store.close()
        assert lead.phone_e164 == "+34612345678"

    def test_list_table(self, db: Path) -> None:
        result = run(db, "list")
        assert result.exit_code == 0
        assert "Ana García" in result.stdout and "Acme [bold]S.L." in result.stdout
        assert result.stdout.index("Bob") < result.stdout.index("Ana")  # newest first (by id)

    def test_list_json_filters(self, db: Path) -> None:
        def listed(*args: str) -> list[dict[str, object]]:
            result = run(db, "list", "--json", *args)
            assert result.exit_code == 0
            return [json.loads(line) for line in result.stdout.splitlines()]

        assert [row["first_name"] for row in listed()] == ["Bob", "Ana"]
        assert [row["first_name"] for row in listed("--stage", "contacted")] == ["Bob"]
        assert [row["first_name"] for row in listed("--stage", "New")] == ["Ana"]
        assert [row["email"] for row in listed("--search", "garcia")] == ["ana@example.com"]
        assert [row["id"] for row in listed("--limit", "1")] == [2]
        assert listed("--search", "nobody") == []
        assert listed()[1]["source"] == "event"

    def test_list_empty_says_so(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.db"
        open_store(path).close()
        assert "No leads." in run(path, "list").stdout

    def test_move_by_id_and_by_email(self, db: Path) -> None:
        result = run(db, "move", "1", "qualified", "--reason", "budget ok")
        assert result.exit_code == 0 and "new → qualified" in result.stdout
        result = run(db, "move", "BOB@example.com", "Won")
        assert result.exit_code == 0 and "contacted → won" in result.stdout
        result = run(db, "move", "2", "won")
        assert result.exit_code == 0 and "already" in result.stdout
        store = open_store(db, create=False)
        try:
            history = store.reads.stage_history(1)
        finally:
            store.close()
        assert [(e.to_stage, e.reason) for e in history] == [
            ("new", ""),
            ("qualified", "budget ok"),
        ]

    def test_stats(self, db: Path) -> None:
        result = run(db, "stats")
        assert result.exit_code == 0
        assert "Contacted" in result.stdout and "Total" in result.stdout
        totals = json.loads(run(db, "stats", "--json").stdout)
        assert {t["stage"]: t["count"] for t in totals["stages"]} == {
            "new": 1,
            "contacted": 1,
            "qualified": 0,
            "proposal": 0,
            "won": 0,
            "lost": 0,
        }

    def test_version(self) -> None:
        result = CliRunner().invoke(main, ["--version"])
        assert result.exit_code == 0 and __version__ in result.stdout


class TestBadInput:
    def test_duplicate_email(self, db: Path) -> None:
        result = run(db, "add", "--first-name", "Other", "--email", "ANA@example.com")
        assert_one_line_error(result, "already belongs to Ana García")
        assert count(db) == 2

    def test_bad_email(self, db: Path) -> None:
        assert_one_line_error(run(db, "add", "--first-name", "X", "--email", "x@@y"))
        assert count(db) == 2

    def test_unknown_stage(self, db: Path) -> None:
        assert_one_line_error(run(db, "add", "--first-name", "X", "--stage", "limbo"), "limbo")
        assert_one_line_error(run(db, "move", "1", "limbo"), "limbo")
        assert_one_line_error(run(db, "list", "--stage", "limbo"), "limbo")
        assert count(db) == 2
        assert (
            json.loads(
                run(db, "list", "--json", "--limit", "1", "--stage", "new").stdout.splitlines()[0]
            )["id"]
            == 1
        )

    def test_unknown_lead(self, db: Path) -> None:
        assert_one_line_error(run(db, "move", "99", "won"), "99")
        assert_one_line_error(run(db, "move", "nobody@example.com", "won"), "nobody@example.com")
        add(db, "--first-name", "No email")
        assert_one_line_error(run(db, "move", "", "won"))
        assert json.loads(run(db, "list", "--json", "--limit", "1").stdout)["stage"] == "new"

    def test_empty_lead(self, db: Path) -> None:
        assert_one_line_error(run(db, "add"))
        assert count(db) == 2

    @pytest.mark.parametrize(
        ("args", "fragment"),
        [
            (("add", "--first-name", "X", "--source", "bogus"), "--source"),
            (("list", "--limit", "0"), "--limit"),
            (("move", "1"), "STAGE"),
            (("frobnicate",), "frobnicate"),
        ],
    )
    def test_usage_errors_are_one_line_too(
        self, db: Path, args: tuple[str, ...], fragment: str
    ) -> None:
        assert_one_line_error(run(db, *args), fragment)
        assert count(db) == 2

    def test_garbage_db_is_refused_and_unchanged(self, tmp_path: Path) -> None:
        path = tmp_path / "garbage.db"
        path.write_bytes(b"this is not a database\n" * 100)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        for args in (("list",), ("stats",), ("add", "--first-name", "X"), ("move", "1", "won")):
            assert_one_line_error(run(path, *args), "not a SQLite database")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert sorted(os.listdir(tmp_path)) == ["garbage.db"]

    def test_reading_a_missing_db_creates_nothing(self, tmp_path: Path) -> None:
        path = tmp_path / "missing.db"
        assert_one_line_error(run(path, "list"), "No database")
        assert_one_line_error(run(path, "move", "1", "won"), "No database")
        assert not path.exists()


def test_real_entry_point_subprocess(tmp_path: Path) -> None:
    """``python -m leadtui`` with LEADTUI_DB: ids on stdout, one error line on stderr."""
    env = {**os.environ, "LEADTUI_DB": str(tmp_path / "env.db")}
    command = [sys.executable, "-m", "leadtui"]
    made = subprocess.run(
        [*command, "add", "--first-name", "Eva", "--email", "e@example.com"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert made.stdout.strip() == "1"
    again = subprocess.run(
        [*command, "add", "--email", "E@example.com"], env=env, capture_output=True, text=True
    )
    assert again.returncode == 1 and again.stdout == ""
    assert len(again.stderr.strip().splitlines()) == 1 and "Traceback" not in again.stderr
    assert count(tmp_path / "env.db") == 1
