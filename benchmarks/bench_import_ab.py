"""Two builds of leadtui importing the same CSV, interleaved in one run.

Each ``--app NAME=PATH`` is a ``leadtui`` executable (usually a virtualenv's
``bin/leadtui``, e.g. a checkout of an older commit). Every round runs each app's
``leadtui --db FRESH import FILE --json`` once, in a rotating order, on a fresh
database, and reaps it with ``os.wait4`` so its CPU time (user + system) and peak
RSS are its own. Prints wall and CPU medians, each app's ratio to the first app per
round, and the load average before and after::

    python benchmarks/bench_import_ab.py --rows 100000 --rounds 5 \\
        --app before=/var/tmp/impspeed/before/.venv/bin/leadtui --app after=.venv/bin/leadtui

With ``--db postgresql://…`` (a role that may create databases) each import goes into
a fresh database on that server instead of a SQLite file, and each round also times
``psql \\copy`` of the file into a bare table (the floor of issue #17).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_import import _database, time_psql, write_csv


@dataclass
class Runs:
    """One app's measurements, a value per round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)


def run_once(app: str, csv_path: Path, target: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one ``leadtui import``."""
    env = {**os.environ, "LEADTUI_REGION": "ES"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [app, "--db", target, "import", str(csv_path), "--json"],
        stdout=subprocess.DEVNULL,
        env=env,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{app} import failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def fresh_target(folder: Path, name: str, url: str | None) -> str:
    """A new empty database for one import: a SQLite path, or a PostgreSQL database."""
    if url:
        return _database(url, f"leadtui_ab_{name}")
    db = folder / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return str(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--app", action="append", required=True, help="NAME=PATH")
    parser.add_argument("--db", help="a postgresql:// URL instead of SQLite files")
    parser.add_argument("--folder", help="keep the CSV here (default: a temporary folder)")
    args = parser.parse_args()
    apps = [tuple(item.split("=", 1)) for item in args.app]
    with tempfile.TemporaryDirectory(dir=args.folder) as name:
        folder = Path(name)
        csv_path = folder / "leads.csv"
        write_csv(csv_path, args.rows)
        runs = {app_name: Runs() for app_name, _path in apps}
        floors: list[float] = []
        load_before = os.getloadavg()
        for round_no in range(args.rounds):
            if args.db:
                floors.append(time_psql(csv_path, args.db))
            shift = round_no % len(apps)  # rotate the order: no app always goes first
            for app_name, path in apps[shift:] + apps[:shift]:
                wall, cpu, rss = run_once(path, csv_path, fresh_target(folder, app_name, args.db))
                runs[app_name].wall.append(wall)
                runs[app_name].cpu.append(cpu)
                runs[app_name].rss_mb.append(rss)
        load_after = os.getloadavg()
    print(f"rows: {args.rows:,}, rounds: {args.rounds}, backend: {args.db or 'SQLite'}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    base = runs[apps[0][0]]
    for app_name, _path in apps:
        mine = runs[app_name]
        for label, values, first in (("wall", mine.wall, base.wall), ("CPU", mine.cpu, base.cpu)):
            middle, floor = statistics.median(values), statistics.median(first)
            ratios = " ".join(f"{v / f:.2f}" for v, f in zip(values, first, strict=True))
            print(
                f"{app_name:<10}{label:<5}{middle:>8.2f} s {middle / floor:>6.2f}x"
                f"  (per round: {ratios})"
            )
        print(f"{app_name:<10}peak RSS {max(mine.rss_mb):.0f} MB")
        if floors:
            ratio = statistics.median(mine.wall) / statistics.median(floors)
            print(f"{app_name:<10}wall {ratio:.1f}x psql \\copy")
    if floors:
        print(f"psql \\copy into a bare table, median {statistics.median(floors):.2f} s")


if __name__ == "__main__":
    main()
