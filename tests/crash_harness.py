"""Kill-at-random-moments harness shared by tests/test_crash_consistency.py and benchmarks.

The parent forks a child that works on the database through :class:`LeadStore`
(bulk imports of ``IMPORT_ROWS`` rows tagged with a batch marker, stage moves,
single adds) and writes one acknowledgement line to a pipe *after* each commit
returns. The parent SIGKILLs the child after a random delay, then checks the
file: ``PRAGMA integrity_check`` is ok, every import is all-or-nothing, every
acknowledged commit is there, and every lead's stage matches its last stage change.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

IMPORT_ROWS = 300
BASE_LEADS = 100
STAGES = ("new", "contacted", "qualified", "proposal", "won", "lost")


@dataclass
class Tally:
    """Outcome of a series of trials."""

    trials: int = 0
    acknowledged: int = 0
    failures: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def prepare(path: Path) -> None:
    """Create the database with ``BASE_LEADS`` leads to move around."""
    from leadtui.launch import open_store

    store = open_store(path)
    try:
        store.imports.bulk_insert_leads(
            {"first_name": f"Base {i}", "stage": "new"} for i in range(BASE_LEADS)
        )
    finally:
        store.close()


def _child(path: Path, seed: int, ack_fd: int, first_batch: int) -> None:
    from leadtui.domain.rows import LeadInput
    from leadtui.launch import open_store

    rng = random.Random(seed)
    store = open_store(path)
    store.warm_up()
    os.write(ack_fd, b"ready\n")
    batch = first_batch
    while True:
        roll = rng.random()
        if roll < 0.3:
            marker = f"crash-{batch}"
            store.imports.bulk_insert_leads(
                {"first_name": f"Imp {i}", "campaign": marker} for i in range(IMPORT_ROWS)
            )
            os.write(ack_fd, f"import {marker}\n".encode())
            batch += 1
        elif roll < 0.85:
            lead_id = rng.randint(1, BASE_LEADS)
            result = store.pipeline.move_lead(lead_id, rng.choice(STAGES), "crash test")
            if result is not None:
                os.write(ack_fd, f"move {result.lead_id} {result.change_id}\n".encode())
        else:
            lead = store.leads.add_lead(LeadInput(first_name="Added", company="Crash Co"))
            os.write(ack_fd, f"add {lead.id}\n".encode())


def run_trial(path: Path, seed: int, max_delay: float, tally: Tally) -> None:
    """Fork a worker, kill it after a random delay, verify the file."""
    rng = random.Random(seed)
    first_batch = seed * 1000
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        code = 0
        try:
            _child(path, seed, write_fd, first_batch)
        except BaseException:
            code = 3
        os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        ready = pipe.readline()
        # Let a random number of commits through first, so the kills land mid-work however
        # fast or loaded the machine is; then kill at a random moment of the next steps.
        early = [pipe.readline() for _ in range(rng.randint(0, 3))]
        time.sleep(rng.uniform(0.0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        acks = b"".join(early).decode().splitlines() + pipe.read().decode().splitlines()
    if ready != b"ready\n":
        tally.failures.append(f"seed {seed}: child did not start")
    tally.trials += 1
    if not os.WIFSIGNALED(status):
        tally.failures.append(f"seed {seed}: child ended by itself (status {status})")
    tally.acknowledged += len(acks)
    problems = verify(path, acks, first_batch, tally)
    tally.failures.extend(f"seed {seed}: {problem}" for problem in problems)


def verify(path: Path, acks: list[str], first_batch: int, tally: Tally) -> list[str]:
    """Check the database after a kill; return the problems found."""
    problems: list[str] = []
    conn = sqlite3.connect(path)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            problems.append(f"integrity_check: {verdict[:3]}")
        fts = conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('integrity-check')")
        fts.close()
        counts = dict(
            conn.execute(
                "SELECT campaign, count(*) FROM lead "
                "WHERE campaign LIKE 'crash-%' GROUP BY campaign"
            )
        )
        for marker, count in counts.items():
            if count != IMPORT_ROWS:
                problems.append(f"partial import {marker}: {count} of {IMPORT_ROWS}")
        acked_imports = {a.split()[1] for a in acks if a.startswith("import ")}
        late = [m for m in counts if int(m.split("-")[1]) >= first_batch and m not in acked_imports]
        # Committed but killed before the acknowledgement: allowed, and worth counting.
        tally.kinds["import committed, unacknowledged"] += len(late)
        for ack in acks:
            kind, *values = ack.split()
            tally.kinds[kind] += 1
            if kind == "import" and counts.get(values[0]) != IMPORT_ROWS:
                problems.append(f"acknowledged import {values[0]} missing")
            elif (
                kind == "move"
                and conn.execute(
                    "SELECT 1 FROM stagechange WHERE id = ? AND lead_id = ?",
                    (int(values[1]), int(values[0])),
                ).fetchone()
                is None
            ):
                problems.append(f"acknowledged move {values} missing")
            elif (
                kind == "add"
                and conn.execute("SELECT 1 FROM lead WHERE id = ?", (int(values[0]),)).fetchone()
                is None
            ):
                problems.append(f"acknowledged add {values[0]} missing")
        # Only the base leads are moved; checking just them keeps a trial's cost flat.
        mismatched = conn.execute(
            "SELECT count(*) FROM lead l WHERE l.id <= ? AND l.stage != (SELECT s.to_stage "
            "FROM stagechange s WHERE s.lead_id = l.id ORDER BY s.at DESC, s.id DESC LIMIT 1)",
            (BASE_LEADS,),
        ).fetchone()[0]
        if mismatched:
            problems.append(f"{mismatched} leads whose stage differs from their last change")
        conn.commit()
    finally:
        conn.close()
    return problems


def run_trials(
    path: Path, trials: int, *, seed: int = 0, max_delay: float = 0.25, per_file: int = 100
) -> Tally:
    """Run ``trials`` kill trials; a fresh database every ``per_file`` trials bounds its size."""
    tally = Tally()
    for index in range(trials):
        if index % per_file == 0:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            prepare(path)
        run_trial(path, seed + index + 1, max_delay, tally)
    return tally
