"""Time the duplicate scan, one lead's check, and a merge + unmerge on a generated database.

    python benchmarks/bench_duplicates.py --db /var/tmp/dups/leads_100000.db
    python benchmarks/bench_duplicates.py --db /var/tmp/dups/leads_1000000.db
    python benchmarks/bench_duplicates.py --db /var/tmp/dups/leads_1000000.db --checks-only

The database is made once by ``benchmarks/generate.py`` (``build_db``) and reused; a
copy is taken first so the merges never change it. Prints medians and peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import BENCH_NOW
from leadtui.domain.rows import LeadFilter
from leadtui.launch import open_store
from leadtui.store import LeadStore


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def time_checks(store: LeadStore, leads: int, rounds: int) -> None:
    """One lead's check for 50 leads spread over the ids: wall clock and the thread's CPU.

    On a loaded machine the worst wall-clock time is mostly waiting for a core; the
    thread's CPU time is what the check itself costs.
    """
    for round_number in range(1, rounds + 1):
        wall, cpu = [], []
        for lead_id in range(1, leads, max(1, leads // 50)):
            started, used = time.perf_counter(), time.thread_time()
            store.duplicates.candidates_for(lead_id)
            wall.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - used)
        print(
            f"one lead's check (round {round_number}): wall median "
            f"{_ms(statistics.median(wall))}, max {_ms(max(wall))}; CPU median "
            f"{_ms(statistics.median(cpu))}, max {_ms(max(cpu))} ({len(wall)} leads); "
            f"load average {os.getloadavg()[0]:.1f}"
        )


def main() -> None:
    """Run each measurement and print one line per number."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--checks-only",
        action="store_true",
        help="only one lead's check, --repeat rounds, on the file itself (it only reads)",
    )
    args = parser.parse_args()
    if args.checks_only:
        store = open_store(args.db, clock=lambda: BENCH_NOW)
        time_checks(store, store.reads.count_list(LeadFilter()).total, rounds=args.repeat)
        store.close()
        return
    with tempfile.TemporaryDirectory(dir=args.db.parent) as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(args.db, copy)
        store = open_store(copy, clock=lambda: BENCH_NOW)
        started, cpu = time.perf_counter(), time.process_time()
        result = store.duplicates.scan()
        scan, cpu = time.perf_counter() - started, time.process_time() - cpu
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pairs = sum(len(cluster.pairs) for cluster in result.clusters)
        print(f"leads scanned: {result.scanned:,}")
        # CPU time too: on a shared machine the wall clock mostly measures the neighbours.
        print(
            f"full scan: {scan:.2f} s wall, {cpu:.2f} s CPU; {len(result.clusters):,} clusters, "
            f"{pairs:,} pairs, {result.skipped_blocks:,} oversized blocks skipped; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        print(f"peak RSS after the scan: {rss:.0f} MB")
        ids = [cluster.lead_ids for cluster in result.clusters[: args.repeat * 2]]
        time_checks(store, result.scanned, rounds=1)
        merges, unmerges = [], []
        for cluster_ids in ids[: args.repeat]:
            started = time.perf_counter()
            merged = store.merges.merge(cluster_ids[0], cluster_ids[1])
            merges.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.merges.unmerge(merged.merge_id)
            unmerges.append(time.perf_counter() - started)
        if merges:
            print(
                f"merge: median {_ms(statistics.median(merges))}; "
                f"unmerge: median {_ms(statistics.median(unmerges))} ({len(merges)} each)"
            )
        store.close()


if __name__ == "__main__":
    main()
