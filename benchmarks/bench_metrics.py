"""Metrics at scale: the summary tables against the scans they replace, in one run.

    python benchmarks/bench_metrics.py --db /var/tmp/metrics/v7-1m.db \\
        --before-db /var/tmp/metrics/v6-1m.db --before-python /work/main/.venv/bin/python

``--db`` is a database this checkout opened (schema 7, summaries kept); ``--before-db``
the same leads at schema 6 and ``--before-python`` an interpreter with the previous
leadtui installed, so ``leadtui stats`` before and after run in the same rounds
(interleaved, wall clock including start-up, medians). In-process rows time the
store calls (medians of ``--repeat``); the old full reads are timed on the same
database for comparison. Prints one Markdown table; no assertion on time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import BENCH_NOW  # noqa: E402


def timed(call: Callable[[], Any], repeat: int) -> float:
    """Median milliseconds of ``call``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cli_seconds(python: str, db: Path, args: list[str]) -> tuple[float, float]:
    """Wall seconds of ``python -P -m leadtui --db db args`` (output discarded).

    ``-P``: the current folder is not put on the path, so each interpreter runs the
    leadtui it has installed, not the checkout the benchmark is started from.
    """
    env = {**os.environ, "COLUMNS": "120"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [python, "-P", "-m", "leadtui", "--db", str(db), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"leadtui {' '.join(args)} failed on {db}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def _segment(store: Any, lead_filter: Any, text: str) -> Callable[[], Any]:
    return lambda: store.metrics.segment(lead_filter, text)


def in_process(db: Path, repeat: int) -> list[tuple[str, float]]:
    """Store calls on ``db``: the summaries and the scans they replace."""
    from leadtui.domain.rows import LeadFilter
    from leadtui.store import LeadStore

    store = LeadStore.open(db, clock=lambda: BENCH_NOW)
    now: datetime = store.now()
    parse = store.views.parse
    rows = [
        ("metrics.summary() (funnel, by source, by month)", lambda: store.metrics.summary()),
        ("funnel_metrics() (history pass, before)", lambda: store.reads.funnel_metrics()),
        ("header counts: metrics.counts()", lambda: store.metrics.counts()),
        ("header counts: backend.count() (before)", lambda: store.backend.count(LeadFilter(), now)),
        ("board totals: metrics.stage_totals()", lambda: store.metrics.stage_totals()),
        ("board totals: backend.stage_totals() (before)", lambda: store.backend.stage_totals()),
    ]
    for text in ("source:event", "stage:proposal,won", "created>2026-01-01", "tag:vip", "garcia"):
        rows.append((f"segment `{text}`", _segment(store, LeadFilter(query=parse(text)), text)))
    found = [(label, timed(call, repeat)) for label, call in rows]
    store.close()
    return found


def main() -> None:
    """Parse the arguments, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--before-db", type=Path)
    parser.add_argument("--before-python")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| measurement (in process) | ms |\n|---|---|")
    for label, ms in in_process(args.db, args.repeat):
        print(f"| {label} | {ms:,.1f} |")
    pairs: list[tuple[str, str, Path, list[str]]] = [
        ("`leadtui stats` (after)", sys.executable, args.db, ["stats"]),
        ("`leadtui stats --json` (after)", sys.executable, args.db, ["stats", "--json"]),
        (
            "`leadtui stats --filter source:event` (after)",
            sys.executable,
            args.db,
            ["stats", "--filter", "source:event"],
        ),
    ]
    if args.before_db and args.before_python:
        pairs += [
            ("`leadtui stats` (before)", args.before_python, args.before_db, ["stats"]),
            (
                "`leadtui stats --filter source:event` (before)",
                args.before_python,
                args.before_db,
                ["stats", "--filter", "source:event"],
            ),
        ]
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, *_rest in pairs}
    for _round in range(args.repeat):  # interleaved rounds
        for label, python, db, cli in pairs:
            times[label].append(cli_seconds(python, db, cli))
    print("\n| command (whole process) | wall ms | CPU ms |\n|---|---|---|")
    for label, values in times.items():
        wall = statistics.median(v[0] for v in values) * 1000
        cpu = statistics.median(v[1] for v in values) * 1000
        print(f"| {label} | {wall:,.0f} | {cpu:,.0f} |")


if __name__ == "__main__":
    main()
