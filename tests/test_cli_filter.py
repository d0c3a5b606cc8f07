"""The CLI's ``--filter`` and ``--view`` on list, export and stats, and ``leadtui views``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from leadtui.cli import main


def run(db: Path, *args: str) -> Result:
    """Invoke the CLI in-process on ``db``."""
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three leads: two from an event (one qualified), one from ads."""
    path = tmp_path / "cli.db"
    for first, email, source, stage, company in (
        ("Ana", "ana@example.com", "event", "qualified", "Acme"),
        ("Bruno", "bruno@example.com", "event", "new", "Nova"),
        ("Carla", "carla@example.com", "ads", "qualified", "Acme Labs"),
    ):
        result = run(
            path,
            "add",
            "--first-name",
            first,
            "--email",
            email,
            "--source",
            source,
            "--stage",
            stage,
            "--company",
            company,
        )
        assert result.exit_code == 0, result.stderr
    return path


def emails(result: Result) -> list[str]:
    """The emails of ``list --json`` output, in order."""
    assert result.exit_code == 0, result.stderr
    return [json.loads(line)["email"] for line in result.stdout.splitlines()]


def test_list_filter_combines_keys_and_words(db: Path) -> None:
    assert emails(run(db, "list", "--json", "--filter", "source:event")) == [
        "bruno@example.com",
        "ana@example.com",
    ]
    assert emails(run(db, "list", "--json", "--filter", "-source:event company:acme")) == [
        "carla@example.com"
    ]
    # a plain word now also matches the source
    assert emails(run(db, "list", "--json", "--filter", "stage:qualified event")) == [
        "ana@example.com"
    ]
    assert emails(run(db, "list", "--json", "--stage", "qualified", "--filter", "acme")) == [
        "carla@example.com",
        "ana@example.com",
    ]


def test_a_bad_filter_says_what_and_points_at_it(db: Path) -> None:
    result = run(db, "list", "--filter", "ana stage:qualifed")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.rstrip("\n").splitlines()
    assert lines[0].startswith("Error: Unknown stage “qualifed”")
    assert lines[1:] == ["  ana stage:qualifed", "            ^^^^^^^^"]


def test_views_save_list_open_and_delete(db: Path) -> None:
    saved = run(
        db, "views", "save", "Qualified A-Z", "stage:qualified", "--sort", "name", "--ascending"
    )
    assert saved.exit_code == 0 and "(2 leads)" in saved.stdout
    listed = run(db, "views", "--json")
    assert [json.loads(line) for line in listed.stdout.splitlines()] == [
        {
            "name": "Qualified A-Z",
            "filter": "stage:qualified",
            "sort": "name",
            "descending": False,
            "count": 2,
            "capped": False,
        }
    ]
    assert "Qualified A-Z  ·  2 leads  ·  stage:qualified" in run(db, "views").stdout
    assert emails(run(db, "list", "--json", "--view", "qualified a-z")) == [
        "ana@example.com",
        "carla@example.com",
    ]
    assert emails(run(db, "list", "--json", "--view", "Qualified A-Z", "--filter", "nova")) == []
    assert run(db, "views", "delete", "Qualified A-Z").exit_code == 0
    missing = run(db, "list", "--view", "Qualified A-Z")
    assert missing.exit_code == 1 and "No saved view" in missing.stderr
    assert run(db, "views", "save", "Bad", "colour:red").exit_code == 1


def test_export_filter_writes_only_those_leads_and_the_views(db: Path, tmp_path: Path) -> None:
    run(db, "views", "save", "Events", "source:event")
    target = tmp_path / "out.json"
    result = run(db, "export", str(target), "--view", "Events")
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text("utf-8"))
    assert sorted(lead["email"] for lead in data["leads"]) == [
        "ana@example.com",
        "bruno@example.com",
    ]
    assert [view["name"] for view in data["views"]] == ["Events"]
    csv_target = tmp_path / "out.csv"
    assert run(db, "export", str(csv_target), "--filter", "carla").exit_code == 0
    assert csv_target.read_text("utf-8").count("example.com") == 1


def test_stats_for_a_segment_counts_its_leads_per_stage(db: Path) -> None:
    result = run(db, "stats", "--json", "--filter", "company:acme")
    data = json.loads(result.stdout)
    # The same shape as the whole funnel's (total with money per currency, by source, by month).
    assert data["total"]["count"] == 2 and data["segment"] == "filter “company:acme”"
    assert {row["stage"]: row["count"] for row in data["stages"]}["qualified"] == 2
    assert sum(row["leads"] for row in data["by_source"]) == 2
    assert sum(row["leads"] for row in data["by_month"]) == 2
    text = run(db, "stats", "--filter", "source:event").stdout
    assert text.splitlines()[0] == "Segment: filter “source:event”"
    assert "Total" in text and "2" in text
