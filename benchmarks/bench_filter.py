"""Filter-language timings at a million leads: the SQL of each filter, then typing in the app.

    .venv/bin/python benchmarks/bench_filter.py --db /var/tmp/filter/leads-1m.db [--leads 1000000]

The database is built once with ``benchmarks/generate.py`` (``--leads``) unless it exists.

Part 1, in process: for each filter, the list's two reads (``page_list`` of the first 100
rows and ``count_list``), the median of ``--repeat`` runs, and whether an index serves it.
Part 2, in a fresh process per filter: the app's list screen; the filter is typed into
the search box key by key. "echo" is each keystroke → its next frame (median, max);
"results" is the last keystroke → the first frame after the screen took that filter's
results (the 75 ms debounce included), as in ``bench_list.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SQL_FILTERS: tuple[tuple[str, str], ...] = (
    ("stage:qualified", "index"),
    ("stage:qualified,proposal", "index"),
    ("source:event", "index"),
    ("tag:vip", "index"),
    ("-tag:vip stage:won", "index"),
    ("due:overdue", "index"),
    ("due:overdue,today", "index"),
    ("score>90", "index"),
    ("score>40", "index"),
    ("created>=2026-03-01", "index"),
    ("stage:qualified tag:vip due:overdue score>40", "index"),
    ("garcia", "FTS"),
    ("garcia stage:qualified", "FTS"),
    ("ma tag:vip", "FTS"),
    ("madrid", "FTS + tag route"),
    ("event", "FTS + source route"),
    ("company:acme", "scan"),
    ("phone:600", "scan"),
    ("note:budget", "scan"),
    ("note:budget stage:won", "index, then per-lead lookups"),
)
TYPED = (
    "stage:qualified",
    "tag:vip due:overdue",
    "score>40 garcia",
    "source:event stage:new,contacted",
)


def build(path: Path, leads: int) -> None:
    """Create the database unless it is there."""
    if path.exists():
        return
    from benchmarks.generate import build_db

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    began = time.perf_counter()
    build_db(partial, leads).close()
    partial.replace(path)
    print(f"built {leads:,} leads in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def sql_timings(path: Path, repeat: int) -> None:
    """Part 1: page + count per filter."""
    from benchmarks.generate import BENCH_NOW
    from leadtui.domain.rows import LeadFilter, LeadSort
    from leadtui.launch import open_store

    store = open_store(path, clock=lambda: BENCH_NOW)
    print("| filter | served by | first page (ms) | count (ms) | leads |")
    print("|---|---|---|---|---|")
    for text, served in SQL_FILTERS:
        lead_filter = LeadFilter(query=store.views.parse(text))
        pages, counts = [], []
        found: Any = None
        for _ in range(repeat):
            began = time.perf_counter()
            store.reads.page_list(lead_filter, LeadSort(), 0, 100)
            pages.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            found = store.reads.count_list(lead_filter)
            counts.append((time.perf_counter() - began) * 1000)
        total = f"{found.total:,}" + ("+" if found.capped else "")
        print(
            f"| `{text}` | {served} | {statistics.median(pages):.1f} | "
            f"{statistics.median(counts):.1f} | {total} |"
        )
    store.close()


def child(path: Path, text: str, rounds: int) -> None:
    """Part 2, one process: type ``text`` ``rounds`` times; print a JSON object."""
    import asyncio

    from benchmarks.generate import BENCH_NOW
    from leadtui.domain.filter_query_lead import filter_text
    from leadtui.launch import make_app, open_store

    frames: list[float] = []
    store = open_store(path, clock=lambda: BENCH_NOW)
    app = make_app(store)
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]

    async def frame_after(began: float) -> float:
        for _ in range(5000):
            after = [moment for moment in frames if moment > began]
            if after:
                return (after[0] - began) * 1000
            await asyncio.sleep(0.001)
        return float("nan")

    async def run() -> dict[str, Any]:
        echoes: list[float] = []
        results: list[float] = []
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen: Any = app.screen
            while screen.counts is None:
                await asyncio.sleep(0.01)
            await app.workers.wait_for_complete()
            shown: list[tuple[float, str]] = []
            show = screen.loader.show

            def record(pages: Any, cursor: int | None = None) -> None:
                shown.append((time.perf_counter(), filter_text(pages.filter)))
                show(pages, cursor)

            screen.loader.show = record
            canonical = filter_text(screen.filter.__class__(query=store.views.parse(text)))
            for _ in range(rounds):
                await pilot.press("slash")
                await pilot.pause()
                last = 0.0
                for char in text:
                    last = time.perf_counter()
                    await pilot.press("space" if char == " " else char)
                    echoes.append(await frame_after(last))
                waited = time.perf_counter()
                while not any(seen == canonical for _, seen in shown):
                    if time.perf_counter() - waited > 30:
                        raise SystemExit(f"results for {text!r} never arrived")
                    await asyncio.sleep(0.001)
                arrived = next(moment for moment, seen in shown if seen == canonical)
                results.append(await frame_after(arrived) + (arrived - last) * 1000)
                await pilot.press("escape")
                await app.workers.wait_for_complete()
                await pilot.pause()
                shown.clear()
        return {
            "echo_ms": statistics.median(echoes),
            "echo_max_ms": max(echoes),
            "results_ms": statistics.median(results),
            "results_max_ms": max(results),
        }

    print(json.dumps(asyncio.run(run())))
    store.close()


def typing_timings(path: Path, rounds: int) -> None:
    """Part 2: one fresh process per typed filter."""
    print()
    print("| typed filter | echo median (ms) | echo max (ms) | results median (ms) | results max |")
    print("|---|---|---|---|---|")
    for text in TYPED:
        args = [
            sys.executable,
            __file__,
            "--child",
            text,
            "--db",
            str(path),
            "--rounds",
            str(rounds),
        ]
        output = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        found = json.loads(output.strip().splitlines()[-1])
        print(
            f"| `{text}` | {found['echo_ms']:.1f} | {found['echo_max_ms']:.1f} | "
            f"{found['results_ms']:.0f} | {found['results_max_ms']:.0f} |"
        )


def main() -> None:
    """Build if needed, then print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/var/tmp/filter/leads-1m.db"))
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--skip-typing", action="store_true")
    args = parser.parse_args()
    if args.child is not None:
        child(args.db, args.child, args.rounds)
        return
    build(args.db, args.leads)
    sql_timings(args.db, args.repeat)
    if not args.skip_typing:
        typing_timings(args.db, args.rounds)


if __name__ == "__main__":
    main()
