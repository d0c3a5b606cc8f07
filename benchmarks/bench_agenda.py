"""Agenda read and write timings at 1k / 1M leads, in process (store level).

    .venv/bin/python benchmarks/bench_agenda.py --folder /var/tmp/nurture [--sizes 1000,1000000]

Databases are built once with ``benchmarks/generate.py`` (``leads-N.db`` in
``--folder``) and reused; the first open migrates an older one (untimed here).
For each size it prints, as medians of ``--repeat`` runs: each section's count,
its first page (40 rows, what the agenda's first frame needs), a page in the
middle of the section, and logging a call with a follow-up (one transaction) and
its undo. The store's clock is fixed at ``BENCH_NOW`` so the sections are stable.
This measures the store, not the terminal: the agenda screen itself is not built
yet, so there is no first-frame or key-to-frame number.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import BENCH_NOW, build_db  # noqa: E402
from leadtui.domain.agenda import AgendaSection  # noqa: E402
from leadtui.launch import open_store  # noqa: E402
from leadtui.store import LeadStore  # noqa: E402

PAGE = 40


def _ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _store(folder: Path, size: int) -> LeadStore:
    path = folder / f"leads-{size}.db"
    if not path.exists():
        build_db(path, size).close()
    return open_store(path, clock=lambda: BENCH_NOW)


def measure(store: LeadStore, repeat: int) -> dict[str, float]:
    """Every timing for one database, in milliseconds."""
    found: dict[str, float] = {}
    for section in AgendaSection:
        count = store.reads.agenda_count(section)
        found[f"{section.value} count"] = _ms(partial(store.reads.agenda_count, section), repeat)
        found[f"{section.value} first page"] = _ms(
            partial(store.reads.agenda_page, section, 0, PAGE), repeat
        )
        found[f"{section.value} middle page"] = _ms(
            partial(store.reads.agenda_page, section, count // 2, PAGE), repeat
        )
        found[f"{section.value} rows"] = float(count)
    (first,) = store.reads.agenda_page(AgendaSection.OVERDUE, 0, 1)
    logs: list[float] = []
    undos: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        logged = store.agenda.log_touch(
            first.lead.id, "call", "wants a quote", BENCH_NOW + timedelta(days=7)
        )
        logs.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        store.agenda.undo_touch(logged)
        undos.append((time.perf_counter() - start) * 1000)
    found["log call + follow-up"] = statistics.median(logs)
    found["undo it"] = statistics.median(undos)
    return found


def main() -> None:
    """Print one Markdown table, one column per size, and the largest/smallest ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=Path("/var/tmp/nurture"))
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    args.folder.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in sizes:
        store = _store(args.folder, size)
        store.warm_up()
        measure(store, 1)  # warm the page cache and the ORM
        results[size] = measure(store, args.repeat)
        store.close()
    names = list(results[sizes[0]])
    print("| ms (median) | " + " | ".join(f"{size:,}" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in names:
        cells = [
            f"{results[size][name]:,.0f}" if name.endswith("rows") else f"{results[size][name]:.1f}"
            for size in sizes
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
