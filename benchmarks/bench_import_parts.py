"""Where a CSV import's time goes, against the ``sqlite3 .import`` floor.

``bench_import.py`` times the whole import; this script times its parts one
by one on the same seeded file, so the cost of each requirement is visible:

* the floor: ``sqlite3 .import`` into a bare table (what the 4x target is measured against);
* Python alone: ``csv.reader``, then ``RowConverter`` (validation), on every row;
* the sqlite3 driver alone: ``executemany`` of the parsed rows into a bare table;
* leadtui's schema, from rows already converted: the lead and stage-change
  inserts, the search index (FTS5), the secondary index builds, the commit.

Each is the median of ``--repeat`` runs, printed in seconds and as a multiple
of the floor. The parts run one after another here; the real import overlaps
the search indexing with conversion on a helper thread.

    python benchmarks/bench_import_parts.py --rows 100000 --repeat 3
"""

from __future__ import annotations

import csv
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_import import base_parser, sample_file, time_sqlite  # noqa: E402
from benchmarks.generate import BENCH_NOW  # noqa: E402


def _median(repeat: int, run: Callable[[], float]) -> float:
    return statistics.median(run() for _ in range(repeat))


def python_parts(csv_path: Path) -> dict[str, float]:
    """Seconds to read every row with csv.reader, and to convert them all."""
    from leadtui.io.convert import RowConverter, stage_lookup
    from leadtui.io.reader import open_preview, records

    preview = open_preview(csv_path)
    start = time.perf_counter()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for _cells in csv.reader(handle):
            pass
    read = time.perf_counter() - start
    rows = list(records(preview))
    converter = RowConverter(
        preview.format, preview.header, preview.mapping, stages=stage_lookup([("new", "New")])
    )
    start = time.perf_counter()
    for row, line, cells in rows:
        converter.convert(row, line, cells)
    return {"read": read, "convert": time.perf_counter() - start}


def driver_floor(rows: list[tuple[Any, ...]]) -> float:
    """executemany of ``rows`` into a bare table in memory: the driver's own cost."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    width = len(rows[0])
    conn.execute(f"CREATE TABLE bare ({', '.join(f'c{i}' for i in range(width))})")
    conn.execute("BEGIN")
    start = time.perf_counter()
    conn.executemany(f"INSERT INTO bare VALUES ({', '.join('?' * width)})", rows)
    return time.perf_counter() - start


def schema_parts(csv_path: Path, folder: Path) -> dict[str, float]:
    """leadtui's SQL work for the file, timed piece by piece (rows converted beforehand)."""
    from leadtui.io.convert import RowConverter, stage_lookup
    from leadtui.io.reader import open_preview, records
    from leadtui.launch import open_store
    from leadtui.storage.sqlite.bulk import LeadWriter

    preview = open_preview(csv_path)
    converter = RowConverter(
        preview.format, preview.header, preview.mapping, stages=stage_lookup([("new", "New")])
    )
    rows = [converter.convert(*record).values for record in records(preview)]
    db = folder / "parts.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    open_store(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("BEGIN IMMEDIATE")
    writer = LeadWriter(conn, BENCH_NOW)
    times: dict[str, float] = {}
    start = time.perf_counter()
    for at in range(0, len(rows), 2000):
        writer.insert(rows[at : at + 2000])
    times["insert leads + first stage changes"] = time.perf_counter() - start
    start = time.perf_counter()
    conn.execute(
        "INSERT INTO lead_fts(rowid, first_name, last_name, email, company) "
        "SELECT id, first_name, last_name, email, company FROM lead"
    )
    times["search index (FTS5)"] = time.perf_counter() - start
    writer.indexed_upto = writer.next_id  # indexed just above: finish() only rebuilds indexes
    start = time.perf_counter()
    writer.finish()
    times["build the secondary indexes"] = time.perf_counter() - start
    start = time.perf_counter()
    conn.execute("COMMIT")
    times["commit"] = time.perf_counter() - start
    conn.close()
    return times


def main() -> None:
    args = base_parser(__doc__.splitlines()[0]).parse_args()
    with sample_file(args.rows) as (folder, csv_path):
        floor = _median(args.repeat, lambda: time_sqlite(csv_path, folder))
        python = [python_parts(csv_path) for _ in range(args.repeat)]
        with csv_path.open(encoding="utf-8", newline="") as handle:
            parsed = [tuple(cells) for cells in csv.reader(handle)][1:]
        driver = _median(args.repeat, lambda: driver_floor(parsed))
        schema = [schema_parts(csv_path, folder) for _ in range(args.repeat)]
    lines = [
        ("sqlite3 .import (the floor)", floor),
        ("csv.reader, every row", statistics.median(p["read"] for p in python)),
        ("executemany into a bare table", driver),
        ("RowConverter (validation)", statistics.median(p["convert"] for p in python)),
    ]
    lines += [(label, statistics.median(s[label] for s in schema)) for label in schema[0]]
    print(f"rows: {args.rows:,}")
    print(f"{'part':<44}{'seconds':>9}{'x floor':>9}")
    for label, seconds in lines:
        print(f"{label:<44}{seconds:>9.2f}{seconds / floor:>9.2f}")
    sql = sum(seconds for _label, seconds in lines[4:])
    print(f"{'schema work alone (sum of the last parts)':<44}{sql:>9.2f}{sql / floor:>9.2f}")


if __name__ == "__main__":
    main()
