"""Two processes editing the same leads: no lost update, no "database is locked" crash."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leadtui.domain.rows import LeadInput
from leadtui.launch import open_store

WORKER = Path(__file__).resolve().parent / "concurrency_worker.py"


@dataclass
class Outcome:
    """What two editing processes did, and what the database says afterwards."""

    saves: int
    conflicts: int
    errors: list[str]
    lost_updates: int
    duplicate_versions: int
    seconds: float


def run_editors(path: Path, edits: int, leads: int = 5, processes: int = 2) -> Outcome:
    """Create ``leads`` leads, let ``processes`` workers make ``edits`` edits each, check."""
    store = open_store(path)
    for index in range(leads):
        store.leads.add_lead(LeadInput(first_name=f"Shared {index}"))
    store.close()
    go = path.with_name("go")
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                str(path),
                f"p{n}",
                str(edits),
                str(n + 1),
                str(leads),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    time.sleep(0.2)
    started = time.perf_counter()
    go.touch()
    reports: list[dict[str, Any]] = []
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        reports.append(json.loads(out))
    seconds = time.perf_counter() - started
    saves = [tuple(save) for report in reports for save in report["saves"]]
    per_lead = Counter(lead_id for lead_id, _ in saves)
    check = open_store(path)
    # Each save bumps the version by one; a lost update would leave fewer bumps than saves.
    lost = sum(
        abs(check.leads.lead_input(lead_id)[1] - 1 - per_lead[lead_id])
        for lead_id in range(1, leads + 1)
    )
    check.close()
    return Outcome(
        saves=len(saves),
        conflicts=sum(r["conflicts"] for r in reports),
        errors=[e for r in reports for e in r["errors"]],
        lost_updates=lost,
        duplicate_versions=len(saves) - len(set(saves)),
        seconds=seconds,
    )


def test_two_processes_lose_nothing(tmp_path: Path) -> None:
    """2 × 100 edits on 5 shared leads: every save counted, stale saves are conflicts."""
    outcome = run_editors(tmp_path / "shared.db", edits=100)
    assert outcome.errors == []
    assert outcome.lost_updates == 0
    assert outcome.duplicate_versions == 0
    assert outcome.saves + outcome.conflicts == 200
    assert outcome.saves > 0


def test_reads_never_wait_for_a_long_write_elsewhere(tmp_path: Path) -> None:
    """While another program holds the write lock (a long import), reading a lead to
    edit or show it works at once: reads must not take the write lock themselves."""
    import sqlite3

    store = open_store(tmp_path / "leads.db")
    lead = store.leads.add_lead(LeadInput(first_name="Ana", email="ana@example.org"))
    assert lead.id is not None
    store.close()
    store = open_store(tmp_path / "leads.db")  # no connection warmed up before the lock
    writer = sqlite3.connect(tmp_path / "leads.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO tag (name) VALUES ('held')")
    try:
        assert store.leads.get_lead(lead.id).first_name == "Ana"
        assert store.leads.find_lead("ANA@example.org").id == lead.id
        assert store.leads.find_by_email("ana@example.org") is not None
        assert store.leads.lead_input(lead.id)[0].first_name == "Ana"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        store.close()
