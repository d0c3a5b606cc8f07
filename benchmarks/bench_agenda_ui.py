"""Agenda and triage in the app: first frame against the list's, and triage's next lead.

    .venv/bin/python benchmarks/bench_agenda_ui.py --folder /var/tmp/nurture [--sizes 1000,1000000]

Uses the databases ``bench_agenda.py`` builds (``leads-N.db``). Each run is a fresh
process: "first frame" runs from process start to the first frame handed to the
terminal (``App._display``), starting in the list or directly in the agenda (the
agenda's section counts arrive later, from a worker). "next lead" is the triage
view's skip key → the next frame, timed inside the app (the pilot's own ~84 ms floor
is not counted); "section key" is a number key on the agenda → its frame.
Medians of ``--repeat`` processes; the 1M/1k ratio is printed last.
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

START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child(path: Path, mode: str) -> None:
    """One measured run; prints a JSON object."""
    import asyncio

    from benchmarks.generate import BENCH_NOW
    from leadtui.launch import make_app, open_store

    frames: list[float] = []
    result: dict[str, Any] = {}
    if mode == "agenda":
        from leadtui.ui.app import LeadApp

        LeadApp.DEFAULT_MODE = "agenda"  # read when the app is built: start in the agenda
    store = open_store(path, clock=lambda: BENCH_NOW)
    app = make_app(store)
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
            if len(frames) == 1:
                result["first_frame_s"] = frames[0] - START
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]

    async def press(pilot: Any, key: str) -> float:
        began = time.perf_counter()
        await pilot.press(key)
        for _ in range(2000):
            after = [moment for moment in frames if moment > began]
            if after:
                return (after[0] - began) * 1000
            await asyncio.sleep(0.001)
        return float("nan")

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            if mode == "agenda":
                screen: Any = app.screen
                while not screen.counts:
                    await asyncio.sleep(0.002)
                result["counts_ready_s"] = time.perf_counter() - START
                await app.workers.wait_for_complete()
                # 2, 3, 4, 5, 1, ...: each key shows another section (a new frame).
                keys = [await press(pilot, str(1 + (i + 1) % 5)) for i in range(10)]
                result["section_key_ms"] = statistics.median(keys)
                await press(pilot, "1")
                await press(pilot, "t")
                await app.workers.wait_for_complete()
                skips = [await press(pilot, "space") for _ in range(20)]
                result["next_lead_ms"] = statistics.median(skips)
            await app.workers.wait_for_complete()  # exiting under a running read crashed

    asyncio.run(run())
    store.close()
    print(json.dumps(result))


def _runs(path: Path, mode: str, repeat: int) -> list[dict[str, Any]]:
    found = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), mode],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        found.append(json.loads(out.strip().splitlines()[-1]))
    return found


def main() -> None:
    """Interleave list and agenda runs per size; print one Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=Path("/var/tmp/nurture"))
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("DB", "MODE"))
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    table: dict[str, dict[int, float]] = {}
    for size in sizes:
        path = args.folder / f"leads-{size}.db"
        lists, agendas = [], []
        for _ in range(args.repeat):  # interleaved, so load drifts hit both alike
            lists += _runs(path, "list", 1)
            agendas += _runs(path, "agenda", 1)
        rows = {
            "list first frame (s)": [r["first_frame_s"] for r in lists],
            "agenda first frame (s)": [r["first_frame_s"] for r in agendas],
            "agenda counts ready (s)": [r["counts_ready_s"] for r in agendas],
            "agenda section key (ms)": [r["section_key_ms"] for r in agendas],
            "triage next lead (ms)": [r["next_lead_ms"] for r in agendas],
        }
        for name, values in rows.items():
            table.setdefault(name, {})[size] = statistics.median(values)
        table.setdefault("agenda / list first frame", {})[size] = (
            table["agenda first frame (s)"][size] / table["list first frame (s)"][size]
        )
    print("| median | " + " | ".join(f"{size:,}" for size in sizes) + " | largest / smallest |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name, by_size in table.items():
        cells = [f"{by_size[size]:.3f}" for size in sizes]
        ratio = by_size[sizes[-1]] / by_size[sizes[0]] if by_size[sizes[0]] else float("nan")
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f} |")


if __name__ == "__main__":
    main()
