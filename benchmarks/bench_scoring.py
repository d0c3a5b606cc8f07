"""Lead scoring: what a score update adds to a write, and a full recompute.

    python benchmarks/bench_scoring.py --db /var/tmp/scoring/leads-1m.db   # an existing file
    python benchmarks/bench_scoring.py --leads 100000                       # a fresh one

Prints the median time of ``add_activity``, ``log_touch`` and ``update_lead`` with the
in-write rescore and with it replaced by a no-op (on a busy disk the commit's fsync
dominates both), the time spent in the rescore itself during those writes (what
scoring adds to a write), then the time of ``store.scoring.recompute()`` over every lead with every
score unpinned and cleared first (so every row is written: the worst case).
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_agenda import _ms as median_ms
from benchmarks.generate import BENCH_NOW, build_db
from leadtui.launch import open_store
from leadtui.store import LeadStore


def time_writes(store: LeadStore, lead_id: int, repeat: int) -> None:
    """Print each write's median with and without the rescore."""
    data, _version = store.leads.lead_input(lead_id)
    keeper = store.scoring.keeper

    def edit() -> None:
        store.leads.update_lead(
            lead_id, store.leads.lead_input(lead_id)[1], data, strict_phone=False
        )

    writes = {
        "add_activity": lambda: store.touches.add_activity(lead_id, "call", "bench"),
        "log_touch": lambda: store.agenda.log_touch(lead_id, "email", "bench"),
        "update_lead (incl. its read)": edit,
    }
    real = keeper.rescore
    inside: list[float] = []

    def timed(*args: Any) -> None:
        start = time.perf_counter()
        real(*args)
        inside.append((time.perf_counter() - start) * 1000)

    for name, action in writes.items():
        median_ms(action, 5)  # warm
        inside.clear()
        keeper.rescore = timed  # type: ignore[method-assign,assignment]
        with_score = median_ms(action, repeat)
        keeper.rescore = lambda *_args: None  # type: ignore[method-assign]
        without = median_ms(action, repeat)
        keeper.rescore = real  # type: ignore[method-assign]
        print(
            f"| {name} | {with_score:.2f} ms | {without:.2f} ms | "
            f"{statistics.median(inside):.3f} ms (max {max(inside):.3f}) |"
        )


def time_recompute(store: LeadStore) -> None:
    """Print the full recompute's time (every score cleared first: all rows written)."""
    from sqlalchemy import text

    with store.backend.session() as session:
        session.execute(text("UPDATE lead SET score = NULL, score_pinned = false"))
    path = store.path
    store.close()
    with contextlib.closing(sqlite3.connect(path)) as conn:  # the set-up's WAL out of the way
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store = open_store(path, clock=lambda: BENCH_NOW)
    marks: list[float] = []
    start = time.perf_counter()
    changed = store.scoring.recompute(lambda done, total: marks.append(time.perf_counter()))
    elapsed = time.perf_counter() - start
    gaps = [b - a for a, b in zip([start, *marks], marks, strict=False)]
    print(f"| recompute | {changed:,} leads written | {elapsed:.1f} s |", end=" ")
    print(f"longest batch {max(gaps) * 1000:.0f} ms |")


def main() -> None:
    """Run the benchmark on ``--db`` or on a fresh database of ``--leads`` leads."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=51)
    parser.add_argument("--recompute-only", action="store_true")
    args = parser.parse_args()
    if args.db is not None:
        store = open_store(args.db, clock=lambda: BENCH_NOW)
    else:
        folder = Path(tempfile.mkdtemp(prefix="leadtui-bench-scoring-"))
        store = build_db(folder / "leads.db", args.leads)
    from sqlalchemy import func, select

    from leadtui.storage.models import Lead

    with store.backend.read_session() as session:
        lead_id = int(session.execute(select(func.max(Lead.id))).scalar_one()) // 2
    print("| write | with rescore | without | the rescore inside it: median |")
    print("|---|---|---|---|")
    if not args.recompute_only:
        time_writes(store, lead_id, args.repeat)
    time_recompute(store)


if __name__ == "__main__":
    main()
