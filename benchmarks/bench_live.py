"""Live updates: how soon a colleague's committed change reaches the other leadtui.

Two stores on one database (PostgreSQL: a throwaway server through
``tests/postgres_server.py``; SQLite: a file), N leads. The colleague moves a lead; the
time is taken from the moment its ``move_lead`` returns (committed) to the moment the
other store's listener calls back, then how long the list's first page takes to read
again (what a screen does next; the app adds ``ui.live.SETTLE``). Also a stage move's
time with and without the PostgreSQL notify triggers. Medians, milliseconds:
``python benchmarks/bench_live.py --leads 100000``; ``--sqlite FILE --url URL`` measure two
databases that already exist (the 1M ones, on a server of your own) instead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from postgres_server import start_server  # noqa: E402

from benchmarks.generate import BENCH_NOW, synthetic_leads  # noqa: E402
from leadtui.domain.rows import LeadFilter, LeadSort  # noqa: E402
from leadtui.storage.postgres.notify_ddl import NOTIFIED_TABLES, NOTIFY_DDL  # noqa: E402
from leadtui.store import LeadStore  # noqa: E402
from leadtui.ui.live import SETTLE  # noqa: E402

ROUNDS = 21


def _signal_and_reload(target: str | Path) -> tuple[float, float]:
    """Median ms from a colleague's commit to the listener's call, and of a page re-read."""
    mine = LeadStore.open(target, clock=lambda: BENCH_NOW)
    theirs = LeadStore.open(target, clock=lambda: BENCH_NOW)
    heard = threading.Event()
    stamps: list[float] = []

    def called() -> None:
        stamps.append(time.perf_counter())
        heard.set()

    listening = mine.team.listen(called)
    try:
        lead = mine.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
        time.sleep(1.0)  # the listener connects
        signals, reloads = [], []
        stage = lead.stage
        for _turn in range(ROUNDS):
            heard.clear()
            stage = "qualified" if stage != "qualified" else "new"  # always a real move
            theirs.pipeline.move_lead(lead.id, stage)
            committed = time.perf_counter()
            if not heard.wait(5):
                raise RuntimeError(f"no signal within 5 s from {target}")
            signals.append((stamps[-1] - committed) * 1000)
            start = time.perf_counter()
            mine.reads.page_list(LeadFilter(), LeadSort(), 0, 60)
            reloads.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
        return statistics.median(signals), statistics.median(reloads)
    finally:
        listening.stop()
        mine.close()
        theirs.close()


def _moves_ms(store: LeadStore, lead_id: int) -> float:
    times = []
    for turn in range(ROUNDS):
        start = time.perf_counter()
        store.pipeline.move_lead(lead_id, "qualified" if turn % 2 == 0 else "new")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Load N leads into both backends, then time the signal, the re-read and a move."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--sqlite", type=Path, help="an existing SQLite database")
    parser.add_argument("--url", help="an existing PostgreSQL database (with --sqlite)")
    args = parser.parse_args()
    if args.sqlite and args.url:
        for name, target in (("sqlite", args.sqlite), ("postgres", args.url)):
            signal, reload = _signal_and_reload(target)
            print(f"{name:9} commit -> signal {signal:7.1f} ms   page re-read {reload:6.1f} ms")
        store = LeadStore.open(args.url, clock=lambda: BENCH_NOW)
        lead = store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0].id
        _moves_ms(store, lead)  # warm up
        print(f"postgres  stage move {_moves_ms(store, lead):.2f} ms (store call, median)")
        store.close()
        return
    folder = Path("/var/tmp/team")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"live-{args.leads}.db"
    if not path.exists():
        LeadStore.open(path).imports.bulk_insert_leads(synthetic_leads(args.leads, now=BENCH_NOW))
    server = start_server()
    try:
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url_for("bench")
        store = LeadStore.open(url, clock=lambda: BENCH_NOW)
        store.imports.bulk_insert_leads(synthetic_leads(args.leads, now=BENCH_NOW))
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        print(f"{args.leads} leads; the app waits a further {SETTLE * 1000:.0f} ms to refresh")
        for name, target in (("sqlite", path), ("postgres", url)):
            signal, reload = _signal_and_reload(target)
            print(f"{name:9} commit -> signal {signal:7.1f} ms   page re-read {reload:6.1f} ms")
        lead = store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0].id
        _moves_ms(store, lead)  # warm up
        timings: dict[str, list[float]] = {"with": [], "without": []}
        for _round in range(3):  # interleaved, so warm-up and noise fall on both
            timings["with"].append(_moves_ms(store, lead))
            with psycopg.connect(url, autocommit=True) as conn:
                for table in NOTIFIED_TABLES:
                    conn.execute(f"DROP TRIGGER leadtui_notify_{table} ON {table}".encode())
            timings["without"].append(_moves_ms(store, lead))
            with psycopg.connect(url, autocommit=True) as conn:
                for statement in NOTIFY_DDL:
                    conn.execute(statement.encode())
        print(
            f"postgres  stage move {statistics.median(timings['with']):.2f} ms with notify "
            f"triggers, {statistics.median(timings['without']):.2f} ms without"
        )
        store.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
