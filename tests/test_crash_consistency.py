"""SIGKILL a writer at random moments: the file stays sound and nothing acknowledged is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from crash_harness import IMPORT_ROWS, Tally, prepare, run_trials, verify

TRIALS = 60


@pytest.fixture(scope="module", autouse=True)
def orm_loaded() -> None:
    """Import the ORM once before forking, so each child starts working at once."""
    import sqlmodel  # noqa: F401

    import leadtui.storage.models  # noqa: F401


def test_random_kills_keep_every_commit(tmp_path: Path) -> None:
    """60 kills during imports, moves and adds: integrity ok, no partial import, no lost ack."""
    tally = run_trials(tmp_path / "crash.db", TRIALS, seed=1000, max_delay=0.15)
    assert tally.failures == []
    assert tally.trials == TRIALS
    # The kills landed while work was being done, not only before it started.
    assert tally.acknowledged >= TRIALS
    assert tally.kinds["import"] > 0 and tally.kinds["move"] > 0 and tally.kinds["add"] > 0


def test_verify_reports_a_partial_import(tmp_path: Path) -> None:
    """The checker itself can fail: half an import is reported."""
    path = tmp_path / "partial.db"
    prepare(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO lead (first_name, campaign, created_at, updated_at, "
            "stage, source, currency, version, value_cents, consent, company, "
            "last_name, job_title, website, utm_source, utm_medium, utm_campaign) "
            "VALUES ('x', 'crash-7', '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 'new', 'manual', 'EUR', 1, 0, 0, '', '', '', "
            "'', '', '', '')",
            [()] * (IMPORT_ROWS // 2),
        )
    conn.close()
    problems = verify(path, [], 7, Tally())
    assert any("partial import crash-7" in problem for problem in problems)


def test_verify_reports_a_lost_acknowledgement(tmp_path: Path) -> None:
    """The checker itself can fail: an acknowledged move or add that is missing is reported."""
    path = tmp_path / "lost.db"
    prepare(path)
    problems = verify(path, ["move 1 999999", "add 888888", "import crash-5"], 5, Tally())
    assert len(problems) == 3
