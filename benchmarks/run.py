"""Generate N synthetic leads into a fresh database and time the real CLI on it.

    python benchmarks/run.py                       # 10,000 and 100,000 leads
    python benchmarks/run.py --leads 1000000 --repeat 3

Every measurement runs in its own subprocess, reaped with ``os.wait4`` so the
peak RSS printed is that process's own. The load is timed inside its process
(interpreter start-up excluded); CLI commands are timed wall-clock from outside
(start-up included, as a user feels it), median of ``--repeat`` runs. The table
is Markdown, so it can be pasted into a report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Run:
    """One subprocess: its wall time, peak RSS and what it printed."""

    seconds: float
    peak_mb: float
    stdout: str


def run_child(args: list[str]) -> Run:
    """Run ``args``; reap it with ``wait4`` so the peak RSS is this process's own."""
    env = {k: v for k, v in os.environ.items() if k != "LEADTUI_DB"}
    env.setdefault("COLUMNS", "120")
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out_file, stderr=err_file, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err.decode()}")
    return Run(seconds, usage.ru_maxrss / 1024, out.decode())


def db_megabytes(path: Path) -> float:
    """The database's size on disk, with its WAL if any."""
    files = [path, path.with_name(path.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def median_run(args: list[str], repeat: int) -> Run:
    """The median wall time of ``repeat`` runs, and their highest peak RSS."""
    runs = [run_child(args) for _ in range(repeat)]
    return Run(
        statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs), runs[-1].stdout
    )


def measure(n: int, folder: Path, term: str, repeat: int) -> dict[str, str]:
    """Every row of the table for ``n`` leads."""
    path = folder / f"leads-{n}.db"
    load = run_child([sys.executable, __file__, "--generate-into", str(path), str(n)])
    load_seconds = json.loads(load.stdout)["seconds"]
    cli = [sys.executable, "-m", "leadtui", "--db", str(path)]
    floor = median_run([sys.executable, "-m", "leadtui", "--version"], repeat)
    first_page = median_run([*cli, "list"], repeat)
    search = median_run([*cli, "list", "--search", term, "--json", "--limit", "50"], repeat)
    stats = median_run([*cli, "stats"], repeat)
    hits = len(search.stdout.splitlines())

    def cell(run: Run) -> str:
        return f"{run.seconds:.2f} s, {run.peak_mb:.0f} MB"

    return {
        "generate + bulk load": f"{load_seconds:.1f} s",
        "rows/s": f"{n / load_seconds:,.0f}",
        "load peak RSS": f"{load.peak_mb:.0f} MB",
        "db size (with WAL)": f"{db_megabytes(path):.0f} MB",
        "`leadtui --version` (start-up floor)": cell(floor),
        "`leadtui list` (first page)": cell(first_page),
        f"`leadtui list --search {term}` ({hits} shown)": cell(search),
        "`leadtui stats`": cell(stats),
    }


def print_table(results: dict[int, dict[str, str]]) -> None:
    """A Markdown table: one row per measurement, one column per lead count."""
    counts = list(results)
    print("| measurement | " + " | ".join(f"{n:,} leads" for n in counts) + " |")
    print("|---|" + "---|" * len(counts))
    for metric in results[counts[0]]:
        print(f"| {metric} | " + " | ".join(results[n][metric] for n in counts) + " |")


def generate_into(path: Path, n: int) -> None:
    """Child mode: build the database and print the load time as JSON."""
    from benchmarks.generate import build_db

    start = time.perf_counter()
    store = build_db(path, n)
    store.close()
    print(json.dumps({"seconds": time.perf_counter() - start}))


def main() -> None:
    """Parse arguments, measure each lead count, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leads", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--search", default="garcia", help="term for `leadtui list --search`")
    parser.add_argument("--repeat", type=int, default=3, help="runs per CLI command (median)")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--generate-into", nargs=2, metavar=("PATH", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into:
        generate_into(Path(args.generate_into[0]), int(args.generate_into[1]))
        return
    results: dict[int, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="leadtui-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.leads:
            print(f"measuring {n:,} leads…", file=sys.stderr, flush=True)
            results[n] = measure(n, folder, args.search, args.repeat)
    print_table(results)


if __name__ == "__main__":
    main()
