"""Funnel board timings at 1k / 100k / 1M leads, measured inside the app.

    /tmp/venv/bin/python benchmarks/bench_board.py [--sizes 1000,100000,1000000] [--repeat 3]

Each measurement runs in a fresh process on a cached database (built once with
``LeadStore.bulk_insert_leads`` from the synthetic rows below). Times are
keypress → next frame inside the app: the clock starts when the key is posted
and stops at the next compositor update handed to ``App._display``, so the
~84 ms ``pilot.press`` + ``pause`` floor of the test harness is not counted.
"First frame" runs from process start to the first frame of the board with
its cards, compared with a bare Textual app measured the same way.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.peak_memory import high_water_mb  # noqa: E402

START = time.perf_counter()
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
STAGES = ("new", "contacted", "qualified", "proposal", "won", "lost")
WEIGHTS = (34, 24, 15, 9, 8, 10)
KEY_REPEAT = 30


def synthetic_rows(n: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    """Leads with a stage path from New to their stage (text timestamps, fast to load)."""
    rand = random.Random(seed)
    first = ("Ana", "Luis", "Marta", "John", "Emma", "Jordi", "Zoë", "Iñaki", "Sofía", "Liam")
    last = ("García", "Smith", "López", "Brown", "Ruiz", "Walsh", "Pérez", "Jones")
    for index in range(n):
        stage = rand.choices(STAGES, WEIGHTS)[0]
        created = NOW - timedelta(minutes=rand.randrange(2 * 365 * 24 * 60))
        path = (
            ["new"]
            if stage == "new"
            else [
                *STAGES[: STAGES.index(stage) if stage != "lost" else rand.randrange(1, 4)],
                stage,
            ]
        )
        moment = created
        history: list[tuple[str | None, str, str, str]] = []
        previous: str | None = None
        for step in path:
            history.append((previous, step, moment.strftime("%Y-%m-%d %H:%M:%S"), ""))
            previous = step
            moment += timedelta(hours=rand.randrange(1, 24 * 20))
        yield {
            "first_name": rand.choice(first),
            "last_name": rand.choice(last),
            "company": f"Company {index % 9973}",
            "email": f"lead{index}@example.com",
            "email_key": f"lead{index}@example.com",
            "stage": stage,
            "value_cents": rand.randrange(0, 2_000_000, 100),
            "created_at": created.strftime("%Y-%m-%d %H:%M:%S"),
            "next_followup_at": (NOW + timedelta(days=rand.randrange(-10, 20))).strftime(
                "%Y-%m-%d %H:%M:%S"
            )
            if rand.random() < 0.3
            else None,
            "history": history,
        }


def build(path: Path, n: int) -> None:
    """Create the database for ``n`` leads unless it is already there."""
    if path.exists():
        return
    from leadtui.launch import open_store

    path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    store = open_store(path, clock=lambda: NOW)
    store.imports.bulk_insert_leads(synthetic_rows(n))
    store.close()
    print(f"built {n:,} leads in {time.perf_counter() - began:.1f} s", file=sys.stderr)


def child(path: Path | None) -> None:
    """One measured run; prints a JSON object."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    frames: list[float] = []
    result: dict[str, Any] = {}

    def watch(app: App[Any]) -> None:
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(time.perf_counter())
                if len(frames) == 1:
                    result["orm_before_first_frame"] = "sqlmodel" in sys.modules
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    if path is None:

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello")

        bare = Bare()
        watch(bare)

        async def run_bare() -> None:
            async with bare.run_test(size=(120, 36)) as pilot:
                await pilot.pause()

        import asyncio

        asyncio.run(run_bare())
        print(json.dumps({"first_frame": frames[0] - START}))
        return

    from leadtui.launch import open_store
    from leadtui.ui.app import LeadApp

    class BoardApp(LeadApp):
        CSS_PATH = str(Path(sys.modules[LeadApp.__module__].__file__ or "").parent / "leadtui.tcss")

        def on_mount(self, event: Any) -> None:  # type: ignore[override]
            event.prevent_default()  # skip LeadApp.on_mount: open the board, not the list
            self.switch_mode("board")
            self.call_after_refresh(self._warm_up)

    store = open_store(path, clock=lambda: NOW)
    commits: list[float] = []
    move_lead = store.pipeline.move_lead

    def timed_move(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return move_lead(*args, **kwargs)
        finally:
            commits.append((time.perf_counter() - began) * 1000)

    store.pipeline.move_lead = timed_move  # type: ignore[method-assign]
    app = BoardApp(store, store.clock)
    watch(app)

    import asyncio

    async def press(pilot: Any, key: str) -> float:
        began = time.perf_counter()
        await pilot.press(key)
        for _ in range(500):  # the frame may land just after press() returns
            after = [moment for moment in frames if moment > began]
            if after:
                return (after[0] - began) * 1000
            await asyncio.sleep(0.001)
        return float("nan")

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            result["first_frame"] = frames[0] - START
            result["screen"] = type(app.screen).__name__
            await app.workers.wait_for_complete()
            await pilot.pause()
            result["focus_ms"] = statistics.median(
                [await press(pilot, "j" if i % 2 == 0 else "k") for i in range(KEY_REPEAT)]
            )
            result["column_ms"] = statistics.median(
                [await press(pilot, "l" if i % 2 == 0 else "h") for i in range(KEY_REPEAT)]
            )
            result["move_ms"] = statistics.median(
                [await press(pilot, "L" if i % 2 == 0 else "H") for i in range(KEY_REPEAT)]
            )
            result["store_move_ms"] = statistics.median(commits)
            result["undo_ms"] = statistics.median([await press(pilot, "u") for _ in range(6)])

    import asyncio

    asyncio.run(run())
    result["rss_mb"] = peak_rss_mb()
    store.close()
    print(json.dumps(result))


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would include the parent's peak across exec)."""
    peak = high_water_mb()
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(path: Path | None) -> dict[str, float]:
    """One fresh process."""
    args = [sys.executable, __file__, "--child", str(path) if path else "-"]
    output = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def median_of(runs: list[dict[str, float]], key: str) -> float:
    """The median of one number over repeated runs."""
    return statistics.median(run[key] for run in runs)


def main() -> None:
    """Build, measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", default="/tmp/leadtui-bench-board")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(None if args.child == "-" else Path(args.child))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    folder = Path(args.folder)
    for n in sizes:
        build(folder / f"board-{n}.db", n)
    floor = statistics.median(run_child(None)["first_frame"] for _ in range(args.repeat))
    rows: dict[int, dict[str, float]] = {}
    for n in sizes:
        runs = [run_child(folder / f"board-{n}.db") for _ in range(args.repeat)]
        rows[n] = {key: median_of(runs, key) for key in runs[0]}
    print(
        f"bare Textual first frame: {floor:.3f} s (medians of {args.repeat} processes, "
        f"{KEY_REPEAT} keys each)"
    )
    print(
        f"| {'leads':>9} | first frame | × floor | focus j/k | column h/l | move H/L "
        f"| of which store.pipeline.move_lead | undo u | peak RSS MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, row in rows.items():
        print(
            f"| {n:>9,} | {row['first_frame']:.3f} s | {row['first_frame'] / floor:.2f} "
            f"| {row['focus_ms']:.1f} ms | {row['column_ms']:.1f} ms "
            f"| {row['move_ms']:.1f} ms | {row['store_move_ms']:.1f} ms "
            f"| {row['undo_ms']:.1f} ms | {row['rss_mb']:.0f} |"
        )
    if len(sizes) > 1:
        big, small = rows[sizes[-1]], rows[sizes[0]]
        print(
            "ratio {:,}/{:,}: first frame {:.2f}, focus {:.2f}, move {:.2f}".format(
                sizes[-1],
                sizes[0],
                big["first_frame"] / small["first_frame"],
                big["focus_ms"] / small["focus_ms"],
                big["move_ms"] / small["move_ms"],
            )
        )


if __name__ == "__main__":
    main()
