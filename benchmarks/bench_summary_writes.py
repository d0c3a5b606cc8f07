"""What the summary triggers add to writes: moves, adds and an import on a big database.

    python benchmarks/bench_summary_writes.py --db COPY_OF_1M.db --moves 200 --adds 100 \
        --import-rows 100000 --load 20000

Runs with any leadtui since the store became its services (#11), with or without the
summary tables: it uses only the services' public calls: ``move_lead`` on random leads
of ``--db`` (a copy: it is written to), ``add_lead``, a CSV import of ``--import-rows``
new leads into it (``import_rows``, as ``leadtui import`` does), then
``bulk_insert_leads`` of ``--load`` synthetic leads into a fresh file next to it (0
skips a part). Prints the median move and add, and the import's and the load's seconds
and rows per second.
"""

from __future__ import annotations

import argparse
import csv
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
    parser.add_argument("--adds", type=int, default=0)
    parser.add_argument("--import-rows", type=int, default=0)
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
            store.pipeline.move_lead(lead, rng.choice(stages))
        except Exception:  # a lead deleted or already there: not what is timed
            continue
        times.append((time.perf_counter() - start) * 1000)
    if times:
        print(f"move_lead median ms: {statistics.median(times):.2f} (n={len(times)})")
    _adds(store, args.adds)
    store.close()
    if args.import_rows:
        _import(args.db, args.import_rows)
    if not args.load:
        return
    fresh = args.db.with_name(args.db.stem + "-load.db")
    for leftover in fresh.parent.glob(fresh.name + "*"):
        leftover.unlink()
    store = LeadStore.open(fresh, clock=lambda: BENCH_NOW)
    start, cpu = time.perf_counter(), time.process_time()
    store.imports.bulk_insert_leads(synthetic_leads(args.load, seed=9, now=BENCH_NOW))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    rate = args.load / seconds
    print(
        f"bulk_insert_leads {args.load} rows: {seconds:.2f} s, CPU {cpu:.2f} s ({rate:,.0f} rows/s)"
    )


def _adds(store: LeadStore, count: int) -> None:
    from leadtui.domain.rows import LeadInput

    times = []
    for index in range(count):
        data = LeadInput(first_name=f"Bench {index}", company="Bench Co")
        start = time.perf_counter()
        store.leads.add_lead(data)
        times.append((time.perf_counter() - start) * 1000)
    if times:
        print(f"add_lead median ms: {statistics.median(times):.2f} (n={len(times)})")


def _import(db: Path, rows: int) -> None:
    """A CSV of ``rows`` leads no one has yet (unique emails), imported into ``db``."""
    from leadtui.io.csv_import import ImportOptions

    path = db.with_name(db.stem + "-import.csv")
    rng = random.Random(11)
    run = f"{time.time_ns():x}"  # new emails on every run: nothing is skipped as a duplicate
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Email", "Company", "Lead Source"])
        for index in range(rows):
            source = rng.choice(["webinar", "referral", "ads", "event"])
            email = f"writes-{run}-{index}@example.org"
            writer.writerow([f"Imp{index}", "Bench", email, "Bench Co", source])
    store = LeadStore.open(db, clock=lambda: BENCH_NOW)
    store.warm_up()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        store.close()
        path.unlink()
    rate = rows / seconds
    print(
        f"import_rows {rows} rows into the big file: {seconds:.2f} s, CPU {cpu:.2f} s "
        f"({rate:,.0f} rows/s)"
    )
    counts = {key: value for key, value in report.as_dict(limit=0).items() if type(value) is int}
    print(f"  report: {counts}")


if __name__ == "__main__":
    main()
