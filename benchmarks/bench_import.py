r"""CSV import speed against ``sqlite3 .import``, and peak memory of a big import.

Writes a seeded CSV of N leads (names, unique emails, a phone on half the rows,
company, job title), then times:

* ``sqlite3 .import`` of the file into a bare table (the floor), with /usr/bin/sqlite3;
* ``LeadStore.import_rows`` in this process (sniff, validate, dedupe, write, index);
* ``leadtui import`` as a whole process (Python start-up and imports included).

Each is the median of ``--repeat`` runs on a fresh database. ``--rss`` also
imports ``--rss-rows`` rows in a child process and prints its peak RSS. ``--xlsx``
instead writes the same rows as an Excel workbook and times its in-process import
against the CSV's (issue #12: at most 2x).

With ``--db postgresql://…`` (a role that may create databases) the same file is
imported into a fresh PostgreSQL database per round, against ``psql \copy`` of it into
a bare table (the floor there):

    python benchmarks/bench_import.py --rows 100000 --repeat 3 --rss --rss-rows 1000000
    python benchmarks/bench_import.py --rows 100000 --db postgresql:///postgres?host=/run/pg
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SQLITE = "/usr/bin/sqlite3"
PSQL = os.environ.get("PSQL", "psql")
FIRST = (
    "Ana",
    "Luis",
    "María",
    "José",
    "Lucía",
    "Pablo",
    "Carmen",
    "Jorge",
    "Laura",
    "Tom",
    "Emma",
    "Noah",
    "Olivia",
    "Íñigo",
    "Begoña",
    "Zoë",
    "Chloé",
    "Jürgen",
)
LAST = (
    "García",
    "Martínez",
    "López",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Smith",
    "Jones",
    "Núñez",
    "O'Brien",
    "Müller",
    "Rossi",
    "Dubois",
    "Silva",
)
COMPANIES = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Ñandú Digital",
    "Café Óptimo",
    "Hooli",
    "Vandelay",
)
DOMAINS = ("example.com", "correo.es", "mail-example.org", "empresa-ejemplo.es", "bigco.io")


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic export of ``rows`` leads (every email unique)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["First Name", "Last Name", "Email", "Phone Number", "Company", "Job Title"]
        )
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{i}@{rng.choice(DOMAINS)}"
            phone = f"+34 6{rng.randrange(10**7, 10**8)}" if i % 2 else ""
            writer.writerow([first, last, email, phone, rng.choice(COMPANIES), "Manager"])


def base_parser(description: str) -> argparse.ArgumentParser:
    """``--rows`` and ``--repeat``, shared by the import benchmarks."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    return parser


@contextmanager
def sample_file(rows: int) -> Iterator[tuple[Path, Path]]:
    """``(temporary folder, the seeded CSV of rows leads in it)``; removed afterwards."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csv_path = folder / "leads.csv"
        write_csv(csv_path, rows)
        yield folder, csv_path


def write_xlsx(csv_path: Path, xlsx_path: Path) -> None:
    """The rows of ``csv_path`` as the first sheet of a workbook (streamed, write-only)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(xlsx_path)


def time_sqlite(csv_path: Path, folder: Path) -> float:
    db = folder / "bare.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([SQLITE, str(db), ".mode csv", f".import {csv_path} bare"], check=True)
    return time.perf_counter() - start


def time_store(csv_path: Path, folder: Path) -> float:
    db = folder / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return timed_import(csv_path, db)


def timed_import(csv_path: Path, target: Path | str) -> float:
    """Seconds of ``LeadStore.import_rows`` of the file into the fresh database ``target``."""
    from leadtui.io.csv_import import ImportOptions
    from leadtui.launch import open_store

    store = open_store(target)
    store.warm_up()
    try:
        start = time.perf_counter()
        report = store.imports.import_rows(store.imports.preview_import(csv_path), ImportOptions())
        elapsed = time.perf_counter() - start
    finally:
        store.close()
    assert report.accounted == report.rows_read, report.as_dict(limit=3)
    return elapsed


def time_cli(csv_path: Path, folder: Path) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of ``leadtui import`` in a child process."""
    db = folder / "cli.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "leadtui", "--db", str(db), "import", str(csv_path), "--json"],
        stdout=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)  # wait4 gives this child's own peak RSS
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"leadtui import failed with status {status}")
    return elapsed, int(usage.ru_maxrss)


def _database(url: str, name: str) -> str:
    """A fresh database ``name`` on the server of ``url``; its URL."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def time_psql(csv_path: Path, url: str) -> float:
    """``psql \\copy`` of the CSV into a bare table of text columns (the floor)."""
    target = _database(url, "leadtui_bench_bare")
    columns = ", ".join(f"c{i} text" for i in range(6))
    subprocess.run([PSQL, "-q", target, "-c", f"CREATE TABLE bare ({columns})"], check=True)
    start = time.perf_counter()
    subprocess.run(
        [PSQL, "-q", target, "-c", f"\\copy bare FROM '{csv_path}' CSV HEADER"], check=True
    )
    return time.perf_counter() - start


def time_store_pg(csv_path: Path, url: str) -> float:
    """``LeadStore.import_rows`` into a fresh leadtui database on the server."""
    return timed_import(csv_path, _database(url, "leadtui_bench_store"))


def postgres(csv_path: Path, url: str, rows: int, repeat: int) -> None:
    """Print the PostgreSQL import against ``psql \\copy``, interleaved rounds."""
    floors, stores = [], []
    for _ in range(repeat):
        floors.append(time_psql(csv_path, url))
        stores.append(time_store_pg(csv_path, url))
    floor, store = statistics.median(floors), statistics.median(stores)
    print(f"PostgreSQL, rows: {rows:,}")
    label = "psql \\copy (bare table)"
    print(f"{label:<36}{floor:>9.2f}{1:>9.2f}")
    print(f"{'LeadStore.import_rows (PostgreSQL)':<36}{store:>9.2f}{store / floor:>9.2f}")
    print(
        "per round, x floor: "
        + " ".join(f"{s / f:.1f}" for s, f in zip(stores, floors, strict=True))
    )


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--rss", action="store_true", help="also measure a big import's RSS")
    parser.add_argument("--rss-rows", type=int, default=1_000_000)
    parser.add_argument("--db", help="a postgresql:// URL: benchmark PostgreSQL instead")
    parser.add_argument("--xlsx", action="store_true", help="time the rows as .xlsx")
    args = parser.parse_args()
    if args.db:
        with sample_file(args.rows) as (_folder, csv_path):
            postgres(csv_path, args.db, args.rows, args.repeat)
        return
    with sample_file(args.rows) as (folder, csv_path):
        if args.xlsx:  # only this comparison: the rest is timed without --xlsx
            time_xlsx(csv_path, folder, args.repeat)
            return
        # Interleaved rounds, so a slow spell of a shared machine hits every method alike.
        floors, stores, cli_runs = [], [], []
        for _ in range(args.repeat):
            floors.append(time_sqlite(csv_path, folder))
            stores.append(time_store(csv_path, folder))
            cli_runs.append(time_cli(csv_path, folder))
        floor, store = statistics.median(floors), statistics.median(stores)
        cli = statistics.median(seconds for seconds, _rss in cli_runs)
        print(f"rows: {args.rows:,}   file: {csv_path.stat().st_size / 1e6:.1f} MB")
        print(f"{'method':<36}{'seconds':>9}{'x floor':>9}")
        print(f"{'sqlite3 .import (bare table)':<36}{floor:>9.2f}{1:>9.2f}")
        print(f"{'LeadStore.import_rows (in process)':<36}{store:>9.2f}{store / floor:>9.2f}")
        print(f"{'leadtui import (whole process)':<36}{cli:>9.2f}{cli / floor:>9.2f}")
        print(
            "per round, x floor: in process "
            + " ".join(f"{s / f:.1f}" for s, f in zip(stores, floors, strict=True))
            + ", whole process "
            + " ".join(f"{c / f:.1f}" for (c, _r), f in zip(cli_runs, floors, strict=True))
        )
        print(
            f"peak RSS of leadtui import, {args.rows:,} rows: "
            f"{max(rss for _s, rss in cli_runs) / 1024:.0f} MB"
        )
        if args.rss:
            big = folder / "big.csv"
            write_csv(big, args.rss_rows, seed=8)
            seconds, rss = time_cli(big, folder)
            print(
                f"peak RSS of leadtui import, {args.rss_rows:,} rows: {rss / 1024:.0f} MB "
                f"({seconds:.1f} s)"
            )


class OpenpyxlBook:
    """A workbook read by ``openpyxl.load_workbook(read_only=True)`` and ``iter_rows``: the
    reader before #12's ``leadtui.io.xlsx_rows``, for the before/after comparison."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        self.sheetnames = self.book.sheetnames

    def rows(self, name: str) -> Iterator[list[str]]:
        """The rows of sheet ``name`` as import text."""
        from leadtui.io.xlsx_rows import as_text

        for values in self.book[name].iter_rows(values_only=True):
            cells = [as_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            yield cells

    def close(self) -> None:
        """Close the workbook."""
        self.book.close()


def time_xlsx(csv_path: Path, folder: Path, repeat: int) -> None:
    """Print the in-process import of the same rows as CSV and as ``.xlsx`` (read by our
    row reader, and by openpyxl's ``iter_rows`` as before), interleaved in one run."""
    from leadtui.io import xlsx_rows

    xlsx_path = folder / "leads.xlsx"
    write_xlsx(csv_path, xlsx_path)
    ours = xlsx_rows.open_book
    names = ("csv", "xlsx, openpyxl iter_rows", "xlsx")
    runs: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}

    def timed(name: str, path: Path) -> None:
        start = time.process_time()  # CPU of every thread: steadier than wall time when shared
        runs[name].append(time_store(path, folder))
        cpu[name].append(time.process_time() - start)

    for _ in range(repeat):
        timed("csv", csv_path)
        xlsx_rows.open_book = OpenpyxlBook  # type: ignore[assignment]
        try:
            timed("xlsx, openpyxl iter_rows", xlsx_path)
        finally:
            xlsx_rows.open_book = ours
        timed("xlsx", xlsx_path)
    print(f"rows: {csv_path.stat().st_size / 1e6:.1f} MB of CSV; in-process import, medians")
    for label, table in (("wall", runs), ("CPU", cpu)):
        plain = statistics.median(table["csv"])
        for name, seconds in table.items():
            ratios = " ".join(f"{s / c:.2f}" for s, c in zip(seconds, table["csv"], strict=True))
            middle = statistics.median(seconds)
            print(
                f"{label:<5}{name:<28}{middle:>8.2f} s{middle / plain:>7.2f}x csv"
                f"  (per round: {ratios})"
            )


if __name__ == "__main__":
    main()
