"""What the summary triggers add to writes: stage moves on a big database, a bulk load.

    python benchmarks/bench_summary_writes.py --db COPY_OF_1M.db --moves 200 --load 20000

Runs with any leadtui (before or after the summary tables) since it uses only the
store's public calls: ``move_lead`` on random leads of ``--db`` (a copy: it is
written to), then ``bulk_insert_leads`` of ``--load`` synthetic leads into a fresh
file next to it. Prints the median move and the load's rows per second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from leadtui.store import LeadStore  # the interpreter's own leadtui, before the path changes

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from benchmarks.generate import BENCH_NOW, synthetic_leads  # noqa: E402


def main() -> None:
    """Time the moves, then the load."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--load", type=int, default=20_000)
    args = parser.parse_args()

    store = LeadStore.open(args.db, clock=lambda: BENCH_NOW)
    top = 1_000_000  # the generated leads are ids 1..N
    rng = random.Random(5)
    stages = ["new", "contacted", "qualified", "proposal", "won", "lost"]
    times = []
    for _ in range(args.moves):
        lead = rng.randint(1, top)
        start = time.perf_counter()
        try:
            store.move_lead(lead, rng.choice(stages))
        except Exception:  # a lead deleted or already there: not what is timed
            continue
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    print(f"move_lead median ms: {statistics.median(times):.2f} (n={len(times)})")
    fresh = args.db.with_name(args.db.stem + "-load.db")
    for leftover in fresh.parent.glob(fresh.name + "*"):
        leftover.unlink()
    store = LeadStore.open(fresh, clock=lambda: BENCH_NOW)
    start = time.perf_counter()
    store.bulk_insert_leads(synthetic_leads(args.load, seed=9, now=BENCH_NOW))
    seconds = time.perf_counter() - start
    store.close()
    rate = args.load / seconds
    print(f"bulk_insert_leads {args.load} rows: {seconds:.2f} s ({rate:,.0f} rows/s)")


if __name__ == "__main__":
    main()
