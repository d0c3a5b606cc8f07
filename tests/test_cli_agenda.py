"""``leadtui agenda``, ``log`` and ``followup`` from the shell."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
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
        assert run(path, "add", "--first-name", name, "--email", f"{name}@x.es").exit_code == 0
    return path


def followup_of(db: Path, lead_id: int) -> datetime | None:
    store = open_store(db, create=False)
    try:
        detail = store.reads.lead_detail(lead_id)
        assert detail is not None
        return detail.next_followup_at
    finally:
        store.close()


def test_log_with_followup_then_agenda_json(db: Path) -> None:
    result = run(
        db,
        "log",
        "1",
        "--kind",
        "call",
        "wants",
        "a",
        "quote",
        "--followup",
        "+1w 10:00 send quote",
    )
    assert result.exit_code == 0, result.stderr
    today = datetime.now(UTC).date()  # the tests run with TZ=UTC
    assert followup_of(db, 1) == datetime.combine(today + timedelta(days=7), time(10), UTC)
    found = json.loads(run(db, "agenda", "--json").stdout)
    sections = {s["section"]: s for s in found["sections"]}
    assert set(sections) == {"overdue", "today", "no_next_step", "going_cold", "upcoming"}
    assert [row["id"] for row in sections["no_next_step"]["rows"]] == [2]
    assert sections["no_next_step"]["count"] == 1
    assert sections["upcoming"]["rows"][0]["followup_note"] == "send quote"
    assert sections["upcoming"]["rows"][0]["last_touch"]["body"] == "wants a quote"


def test_followup_spanish_words_note_and_clear(db: Path) -> None:
    result = run(db, "followup", "Luis@x.es", "mañana", "--note", "llamar")
    assert result.exit_code == 0, result.stderr
    today = datetime.now(UTC).date()
    assert followup_of(db, 2) == datetime.combine(today + timedelta(days=1), time(9), UTC)
    assert run(db, "followup", "2", "clear").exit_code == 0
    assert followup_of(db, 2) is None
    text = run(db, "agenda").stdout
    assert "No next step (2)" in text


def test_a_swapped_date_is_one_clear_error(db: Path) -> None:
    result = run(db, "followup", "1", "12/15")
    assert result.exit_code != 0
    assert "day/month" in result.stderr and "Traceback" not in result.output
    assert followup_of(db, 1) is None
