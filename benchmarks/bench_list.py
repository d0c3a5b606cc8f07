"""Lead list timings at 1k / 100k / 1M leads, measured inside the app.

    /tmp/venv/bin/python benchmarks/bench_list.py [--sizes 1000,100000,1000000] [--repeat 3]

Databases are built once with ``LeadStore.bulk_insert_leads`` from
``benchmarks/generate.py`` and cached in ``--folder``. Each measurement runs in
a fresh process. Times are keypress → next frame inside the app: the clock
starts when the key is posted and stops at the next compositor update handed
to ``App._display`` (so the ~84 ms ``pilot.press`` + ``pause`` floor of the
harness is not counted). "First frame" runs from process start to the first
frame, which already shows the first page of leads, compared with a bare
Textual app measured the same way. The search types "mar" five times (Esc
between): "search key" is each keystroke → its echo frame (median and max),
"search results" the last keystroke → the first frame after the screen took the
results (75 ms debounce included), "search SQL" the screen's page + count queries.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KEY_REPEAT = 30
SEARCH_TEXT = "mar"
SEARCH_ROUNDS = 5


def build(path: Path, n: int) -> None:
    """Create the database for ``n`` leads unless it is already there."""
    if path.exists():
        return
    from benchmarks.generate import build_db

    path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    partial = path.with_suffix(".building")
    build_db(partial, n).close()
    os.replace(partial, path)
    print(f"built {n:,} leads in {time.perf_counter() - began:.1f} s", file=sys.stderr)


def child(path: Path | None) -> None:
    """One measured run; prints a JSON object."""
    import asyncio

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
                    result["first_frame"] = frames[0] - START
                    result["orm_before_first_frame"] = "sqlmodel" in sys.modules
                    rows = getattr(getattr(screen, "pages", None), "total", None)
                    result["rows_in_first_frame"] = rows
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

        asyncio.run(run_bare())
        print(json.dumps(result))
        return

    from benchmarks.generate import BENCH_NOW
    from leadtui.domain.filter_query_lead import filter_text
    from leadtui.domain.rows import LeadFilter, LeadSort
    from leadtui.launch import make_app, open_store

    store = open_store(path, clock=lambda: BENCH_NOW)
    app = make_app(store)
    watch(app)

    async def frame_after(began: float) -> float:
        for _ in range(2000):  # the frame may land just after press() returns
            after = [moment for moment in frames if moment > began]
            if after:
                return (after[0] - began) * 1000
            await asyncio.sleep(0.001)
        return float("nan")

    async def press(pilot: Any, key: str) -> float:
        began = time.perf_counter()
        await pilot.press(key)
        return await frame_after(began)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen = app.screen
            began = time.perf_counter()
            while getattr(screen, "counts", None) is None and time.perf_counter() - began < 30:
                await asyncio.sleep(0.002)
            result["counts_ready_s"] = time.perf_counter() - START
            await app.workers.wait_for_complete()
            await pilot.pause()
            result["down_ms"] = statistics.median(
                [await press(pilot, "j") for _ in range(KEY_REPEAT)]
            )
            result["page_down_ms"] = statistics.median(
                [await press(pilot, "pagedown") for _ in range(10)]
            )
            result["end_ms"] = statistics.median(
                [await press(pilot, "end" if i % 2 == 0 else "home") for i in range(10)]
            )
            shown: list[tuple[float, str]] = []
            list_screen: Any = screen
            loader = list_screen.loader
            original_show = loader.show

            def show(pages: Any, cursor: int | None = None) -> None:
                shown.append((time.perf_counter(), filter_text(pages.filter)))
                original_show(pages, cursor)

            loader.show = show
            keystrokes: list[float] = []
            results: list[float] = []
            for _ in range(SEARCH_ROUNDS):
                await press(pilot, "slash")
                for char in SEARCH_TEXT:
                    last_key = time.perf_counter()
                    keystrokes.append(await press(pilot, char))
                waited = time.perf_counter()
                while not any(text == SEARCH_TEXT for _, text in shown):
                    if time.perf_counter() - waited > 10:
                        raise SystemExit("search results never arrived")
                    await asyncio.sleep(0.001)
                arrived = next(moment for moment, text in shown if text == SEARCH_TEXT)
                results.append(await frame_after(arrived) + (arrived - last_key) * 1000)
                await pilot.press("escape")
                await app.workers.wait_for_complete()
                await pilot.pause()
                shown.clear()
            result["search_key_ms"] = statistics.median(keystrokes)
            result["search_key_max_ms"] = max(keystrokes)
            result["keys"] = [round(k, 1) for k in keystrokes]
            result["search_results_ms"] = statistics.median(results)
            query = time.perf_counter()
            found = LeadFilter(search=SEARCH_TEXT)
            store.reads.page_list(found, LeadSort(), 0, 100)
            store.reads.count_list(found)
            result["search_query_ms"] = (time.perf_counter() - query) * 1000
            result["rows"] = store.reads.count_list(LeadFilter()).total

    asyncio.run(run())
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    print(json.dumps(result))


def run_child(path: Path | None) -> dict[str, float]:
    """One fresh process."""
    args = [sys.executable, __file__, "--child", str(path) if path else "-"]
    output = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    """Build, measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", default="/tmp/leadtui-bench-list")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(None if args.child == "-" else Path(args.child))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    folder = Path(args.folder)
    for n in sizes:
        build(folder / f"list-{n}.db", n)
    floor = statistics.median(run_child(None)["first_frame"] for _ in range(args.repeat))
    rows: dict[int, dict[str, float]] = {}
    keys = (
        "first_frame",
        "counts_ready_s",
        "down_ms",
        "page_down_ms",
        "end_ms",
        "search_key_ms",
        "search_key_max_ms",
        "search_results_ms",
        "search_query_ms",
        "rss_mb",
    )
    for n in sizes:
        runs = [run_child(folder / f"list-{n}.db") for _ in range(args.repeat)]
        rows[n] = {key: statistics.median(run[key] for run in runs) for key in keys}
        assert all(run["rows_in_first_frame"] for run in runs), "first frame without rows"
        assert not any(run["orm_before_first_frame"] for run in runs), "ORM before first frame"
    print(
        f"bare Textual first frame: {floor:.3f} s (medians of {args.repeat} processes; "
        f"{KEY_REPEAT} j, 10 PgDn, 10 End/Home each; search types {SEARCH_TEXT!r})"
    )
    print(
        "| leads | first frame | × floor | counts | j | PgDn | End/Home | search key "
        "| search key max | search results | search SQL | peak RSS |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, row in rows.items():
        print(
            f"| {n:,} | {row['first_frame']:.3f} s | {row['first_frame'] / floor:.2f} "
            f"| {row['counts_ready_s']:.2f} s | {row['down_ms']:.1f} ms "
            f"| {row['page_down_ms']:.1f} ms | {row['end_ms']:.1f} ms "
            f"| {row['search_key_ms']:.1f} ms | {row['search_key_max_ms']:.1f} ms "
            f"| {row['search_results_ms']:.0f} ms "
            f"| {row['search_query_ms']:.1f} ms | {row['rss_mb']:.0f} MB |"
        )
    if len(sizes) > 1:
        big, small = rows[sizes[-1]], rows[sizes[0]]
        ratios = ", ".join(
            f"{label} {big[key] / small[key]:.2f}"
            for label, key in (
                ("first frame", "first_frame"),
                ("j", "down_ms"),
                ("PgDn", "page_down_ms"),
                ("End", "end_ms"),
                ("search key", "search_key_ms"),
            )
        )
        print(f"ratio {sizes[-1]:,}/{sizes[0]:,}: {ratios}")


if __name__ == "__main__":
    main()
