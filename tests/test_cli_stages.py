"""``leadtui stages``: list with counts and cadences, add, rename, move, remove, cadence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from leadtui.cli import main
from leadtui.launch import open_store


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    for name in ("Ana", "Luis"):
        added = run(path, "add", "--first-name", name, "--stage", "qualified")
        assert added.exit_code == 0, added.output
    return path


def listed(db: Path) -> list[dict[str, object]]:
    result = run(db, "stages", "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.output)["stages"]
    return found


def test_list_shows_counts_and_cadences(db: Path) -> None:
    result = run(db, "stages")
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith("qualified"))
    assert "2" in line and "every 7 d, cold after 21 d" in line
    rows = {row["key"]: row for row in listed(db)}
    assert rows["qualified"]["leads"] == 2 and rows["won"]["followup_days"] is None


def test_add_rename_move_cadence_and_remove(db: Path) -> None:
    added = run(db, "stages", "add", "Nurturing", "--kind", "nurture")
    assert added.exit_code == 0 and "nurturing" in added.output
    assert run(db, "stages", "add", "Demo", "--after", "contacted").exit_code == 0
    assert run(db, "stages", "rename", "demo", "Demo done").exit_code == 0
    assert run(db, "stages", "move", "demo", "--after", "first").exit_code == 0
    cadence = run(db, "stages", "cadence", "nurturing", "30", "--cold", "90")
    assert cadence.exit_code == 0
    rows = listed(db)
    assert [row["key"] for row in rows] == [
        "demo",
        "new",
        "contacted",
        "qualified",
        "proposal",
        "nurturing",
        "won",
        "lost",
    ]
    nurture = rows[5]
    assert (nurture["kind"], nurture["followup_days"], nurture["cold_days"]) == ("nurture", 30, 90)
    assert rows[0]["name"] == "Demo done"
    refused = run(db, "stages", "remove", "qualified")
    assert refused.exit_code != 0, refused.output
    assert "2 leads are in Qualified" in refused.output and "--move-to" in refused.output
    moved = run(db, "stages", "remove", "Qualified", "--move-to", "nurturing")
    assert moved.exit_code == 0 and "2 leads moved to nurturing" in moved.output
    store = open_store(db, create=False)
    try:
        assert "qualified" not in [stage.key for stage in store.reads.stages()]
        counts = {total.stage.key: total.count for total in store.reads.stage_totals()}
        assert counts["nurturing"] == 2
    finally:
        store.close()


def test_won_cannot_be_removed(db: Path) -> None:
    result = run(db, "stages", "remove", "won")
    assert result.exit_code == 1
    assert "closing a deal needs them" in result.output
