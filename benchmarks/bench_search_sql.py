"""Time the list's search SQL alone (one page of 100 + the capped count) on a generated database.

    python -m benchmarks.bench_search_sql --db /var/tmp/x/leads_1000000.db --repeat 7

For each term: the median and the maximum of ``page_list`` + ``count_list`` (what the
list screen runs for a search), after one warm-up, with the hit count, and the median
CPU time of the thread (SQLite runs in it; steadier than wall time on a busy machine).
``--cold`` opens a new read connection each time, as each list worker does. Read only: the
file is used as it is. Run it from two source trees in turn to compare them in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from benchmarks.generate import BENCH_NOW
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.launch import open_store

TERMS = ("mar", "ga", "lopez", "maria garcia", "acme", "s")


def main() -> None:
    """Print one line per search term."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--cold", action="store_true", help="a new read connection each time (as a list worker)"
    )
    parser.add_argument("--terms", default=",".join(TERMS), help="comma-separated")
    args = parser.parse_args()
    store = open_store(args.db, clock=lambda: BENCH_NOW)
    for term in args.terms.split(","):
        found = LeadFilter(search=term)
        store.reads.page_list(found, LeadSort(), 0, 100)
        times, cpu = [], []
        for _ in range(args.repeat):
            if args.cold:
                store.release_reader()
            started, used = time.perf_counter(), time.thread_time()
            store.reads.page_list(found, LeadSort(), 0, 100)
            counts = store.reads.count_list(found)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - used) * 1000)
        hits = f"{counts.total:,}{'+' if counts.capped else ''}"
        print(
            f"{args.label}{term!r:>16}: median {statistics.median(times):6.1f} ms, "
            f"max {max(times):6.1f} ms, CPU {statistics.median(cpu):6.1f} ms ({hits} hits); "
            f"load {os.getloadavg()[0]:.1f}"
        )
    store.close()


if __name__ == "__main__":
    main()
