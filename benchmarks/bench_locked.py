"""Key → frame latency on the board while another process holds the write lock.

    .venv/bin/python benchmarks/bench_locked.py [--leads 10000] [--hold 3]

A second process opens the database and runs ``BEGIN IMMEDIATE`` (as ``leadtui
import`` does while it writes) for ``--hold`` seconds. Meanwhile the board gets
cursor keys (j/k) and stage moves (L/H); each is timed from the key to the next
frame inside the app, as in ``bench_board.py``. Prints median and max per key kind,
and when the queued moves were all written after the lock was freed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_board import NOW, build  # noqa: E402

HOLDER = (
    "import sqlite3, sys, time\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "c.execute('ROLLBACK')\n"
)


def child(path: Path, hold: float) -> None:
    """One measured run; prints a JSON object."""
    from leadtui.launch import open_store
    from leadtui.ui.app import LeadApp

    frames: list[float] = []
    store = open_store(path, clock=lambda: NOW)
    app = LeadApp(store, store.clock)
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]

    async def press(pilot: Any, key: str) -> float:
        began = time.perf_counter()
        await pilot.press(key)
        for _ in range(20000):
            after = [moment for moment in frames if moment > began]
            if after:
                return (after[0] - began) * 1000
            await asyncio.sleep(0.001)
        return float("nan")

    result: dict[str, Any] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await app.switch_mode("board")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            holder = subprocess.Popen(
                [sys.executable, "-c", HOLDER, str(path), str(hold)],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            locked_at = time.perf_counter()
            moves = [await press(pilot, "L" if i % 2 == 0 else "H") for i in range(6)]
            cursor = [await press(pilot, "j" if i % 2 == 0 else "k") for i in range(20)]
            result["still_locked"] = time.perf_counter() - locked_at < hold
            await app.workers.wait_for_complete()
            result["writes_done_after_s"] = time.perf_counter() - locked_at
            holder.wait()
            result["cursor"] = cursor
            result["moves"] = moves

    asyncio.run(run())
    store.close()
    print(json.dumps(result))


def main() -> None:
    """Build, measure, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--hold", type=float, default=3.0)
    parser.add_argument("--folder", default="/tmp/leadtui-bench-board")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    path = Path(args.folder) / f"board-{args.leads}.db"
    if args.child:
        child(path, args.hold)
        return
    build(path, args.leads)
    command = [sys.executable, __file__, "--child", "--leads", str(args.leads)]
    output = subprocess.run(
        [*command, "--hold", str(args.hold), "--folder", args.folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    row = json.loads(output.strip().splitlines()[-1])
    print(f"board, {args.leads:,} leads, write lock held {args.hold:g} s by another process")
    print("| keys | n | median | max |")
    print("|---|---:|---:|---:|")
    for name, key in (("cursor j/k", "cursor"), ("stage move L/H", "moves")):
        times = row[key]
        print(
            f"| {name} | {len(times)} | {statistics.median(times):.1f} ms | {max(times):.1f} ms |"
        )
    print(
        f"keys measured while the lock was held: {row['still_locked']}; queued moves written "
        f"{row['writes_done_after_s']:.2f} s after the lock was taken"
    )


if __name__ == "__main__":
    main()
