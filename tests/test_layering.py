"""The core never imports Textual, and the fast read path never imports the ORM."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "leadtui"
UI_PARTS = {"ui"}


def core_modules() -> list[str]:
    """Every module of leadtui/ outside ui/ (app.py, screens/, widgets/)."""
    names: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in UI_PARTS or relative.name == "__main__.py":
            continue
        parts = ["leadtui", *relative.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def loaded_after_import(modules: list[str]) -> dict[str, list[str]]:
    """For each module, the top-level packages present in sys.modules after importing it alone."""
    script = (
        "import importlib, json, sys\n"
        "name = sys.argv[1]\n"
        "importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    children = {
        name: subprocess.Popen(
            [sys.executable, "-c", script, name], stdout=subprocess.PIPE, text=True
        )
        for name in modules
    }
    result: dict[str, list[str]] = {}
    for name, child in children.items():
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0, name
        result[name] = json.loads(out)
    return result


def test_core_modules_are_found() -> None:
    """The scan sees the core (guards against an empty, always-green loop)."""
    names = core_modules()
    assert {
        "leadtui.store",
        "leadtui.storage.sqlite.db",
        "leadtui.storage.sqlite.reads",
        "leadtui.cli",
    } <= set(names)
    assert not any(
        name.startswith(("leadtui.ui.screens", "leadtui.ui.widgets", "leadtui.ui"))
        for name in names
    )
    assert "leadtui.ui.app" not in names


def test_core_never_loads_textual() -> None:
    """Importing any core module in a fresh interpreter loads no textual."""
    offenders = [
        name for name, loaded in loaded_after_import(core_modules()).items() if "textual" in loaded
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "module", ["leadtui.store", "leadtui.storage.sqlite.reads", "leadtui.launch"]
)
def test_fast_path_loads_no_orm(module: str) -> None:
    """The first-frame read path stays on stdlib sqlite3 (no sqlmodel/sqlalchemy/pydantic)."""
    loaded = loaded_after_import([module])[module]
    assert not {"sqlmodel", "sqlalchemy", "pydantic"} & set(loaded)


def test_app_does_load_textual() -> None:
    """The check can fail: the UI module does pull in textual."""
    assert "textual" in loaded_after_import(["leadtui.ui.app"])["leadtui.ui.app"]


def test_cli_import_and_revert_load_no_orm(tmp_path: Path) -> None:
    """A command-line import (here creating the database), and its revert, run on stdlib
    sqlite3: importing SQLModel and SQLAlchemy would cost most of a second each time."""
    db, csv = tmp_path / "leads.db", tmp_path / "new.csv"
    csv.write_text("First name,Email\nAna,ana@example.org\n", encoding="utf-8")
    script = (
        "import json, sys\n"
        "from leadtui.cli import main\n"
        "import leadtui.cli.import_export\n"
        "for args in (['import', sys.argv[2]], ['import', '--revert', '1', '--yes']):\n"
        "    main(['--db', sys.argv[1], *args], standalone_mode=False)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db), str(csv)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "Rows read 1: imported 1" in done.stdout
    assert "Reverted batch 1: 1 lead removed" in done.stdout
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert not {"sqlmodel", "sqlalchemy", "pydantic"} & set(loaded)
