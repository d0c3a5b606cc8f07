"""Two builds' filter reads at a million leads, interleaved: first page and count, wall and CPU.

    git archive main | tar -x -C /var/tmp/fcount/before       # the other build's source
    .venv/bin/python benchmarks/bench_filter_ab.py --db /var/tmp/fcount/leads-1m.db \\
        --app before=/var/tmp/fcount/before --app after=. --rounds 3

Each round runs every build once, in turn, in a fresh process (``--child``) that imports
``leadtui`` from that build's source folder and times ``page_list`` (100 rows) then
``count_list`` for each filter of ``bench_filter.SQL_FILTERS`` plus a few combinations.
Prints the median over rounds per build; both builds must count the same leads.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRA = (
    "-stage:lost",
    "-stage:lost source:event",
    "-stage:lost score>40",
    "stage:qualified,proposal due:overdue",
    "due:today",
    "due:none",
    "-due:overdue",
    "source:event tag:vip",
    "score>40 due:overdue",
)


def child(source: Path, db: Path) -> None:
    """Time every filter once with the build in ``source``; print one JSON object."""
    sys.path.insert(0, str(source))
    sys.path.insert(1, str(ROOT))
    from benchmarks.bench_filter import SQL_FILTERS
    from benchmarks.generate import BENCH_NOW
    from leadtui.domain.rows import LeadFilter, LeadSort
    from leadtui.launch import open_store

    store = open_store(db, clock=lambda: BENCH_NOW)
    found: dict[str, list[float]] = {}
    for text in [text for text, _served in SQL_FILTERS] + list(EXTRA):
        lead_filter = LeadFilter(query=store.views.parse(text))
        wall, cpu = time.perf_counter(), time.process_time()
        store.reads.page_list(lead_filter, LeadSort(), 0, 100)
        page = [(time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000]
        wall, cpu = time.perf_counter(), time.process_time()
        counts = store.reads.count_list(lead_filter)
        count = [(time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000]
        found[text] = [*page, *count, counts.total, counts.overdue]
    store.close()
    print(json.dumps(found))


def main() -> None:
    """Run the rounds; print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--app", action="append", required=True, help="NAME=SOURCE_FOLDER")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.db)
        return
    apps = [tuple(spec.split("=", 1)) for spec in args.app]
    runs: dict[str, list[dict[str, list[float]]]] = {name: [] for name, _source in apps}
    for _round in range(args.rounds):
        for name, source in apps:
            command = [sys.executable, __file__, "--db", str(args.db), "--app", "x=x"]
            command += ["--child", str(Path(source).resolve())]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            runs[name].append(json.loads(output.strip().splitlines()[-1]))
    names = [name for name, _source in apps]
    cells = " | ".join(f"{name} page | {name} count" for name in names)
    print(f"| filter | {cells} | leads (overdue) |")
    print("|---|" + "---|" * (2 * len(names) + 1))
    for text in runs[names[0]][0]:
        row = []
        for name in names:
            values = [run[text] for run in runs[name]]
            medians = [statistics.median(v[i] for v in values) for i in range(4)]
            row.append(f"{medians[0]:.0f} / {medians[1]:.0f} | {medians[2]:.0f} / {medians[3]:.0f}")
        totals = {tuple(run[text][4:]) for name in names for run in runs[name]}
        total, overdue = next(iter(totals))
        agree = "" if len(totals) == 1 else " DIFFER"
        print(f"| `{text}` | {' | '.join(row)} | {total:,.0f} ({overdue:,.0f}){agree} |")
    print("\nCells are wall / CPU milliseconds, medians of the rounds.")


if __name__ == "__main__":
    main()
