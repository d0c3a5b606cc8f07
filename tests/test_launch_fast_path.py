"""A plain ``leadtui [--db X]`` starts the app without click or the command modules,
resolving the database exactly as the CLI's ``--db`` would; anything else is the CLI's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from leadtui.launch import tui_target


def test_plain_starts_resolve_the_database_like_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADTUI_DB", str(tmp_path / "env.db"))
    assert tui_target([]) == tmp_path / "env.db"
    assert tui_target(["--db", str(tmp_path / "a.db")]) == tmp_path / "a.db"
    assert tui_target([f"--db={tmp_path / 'b.db'}"]) == tmp_path / "b.db"
    assert tui_target(["--db", " postgresql://u@h/db "]) == "postgresql://u@h/db"
    monkeypatch.setenv("LEADTUI_DB", "postgres://team/leads")
    assert tui_target([]) == "postgres://team/leads"
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LEADTUI_DB", "")
    assert tui_target([]) == tmp_path / "data" / "leadtui" / "leads.db"
    monkeypatch.delenv("LEADTUI_DB")
    assert tui_target(["--db", "~/c.db"]) == tmp_path / "c.db"


@pytest.mark.parametrize(
    "args",
    [["list"], ["--demo"], ["--version"], ["-h"], ["--db"], ["--db", "x.db", "list"], ["--db="]],
)
def test_everything_else_goes_to_the_cli(args: list[str]) -> None:
    assert tui_target(args) is None


def test_a_directory_as_db_goes_to_the_cli_which_refuses_it(tmp_path: Path) -> None:
    assert tui_target(["--db", str(tmp_path)]) is None


def test_the_plain_start_imports_no_click(tmp_path: Path) -> None:
    code = (
        "import sys, leadtui.launch as launch\n"
        "launch.run_tui = lambda target: print(target, 'click' in sys.modules)\n"
        f"launch.main(['--db', {str(tmp_path / 'x.db')!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(tmp_path / "x.db"), "False"]


def test_a_plain_start_that_fails_prints_the_clis_one_line_error(tmp_path: Path) -> None:
    code = (
        "import leadtui.launch as launch\n"
        "def refuse(target):\n"
        "    raise OSError('no room on the disk')\n"
        "launch.run_tui = refuse\n"
        f"launch.main(['--db', {str(tmp_path / 'x.db')!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.strip() == "Error: no room on the disk"
