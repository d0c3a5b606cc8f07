"""The pseudo-terminal benchmark runs end to end on a tiny database (it never asserts times)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from benchmarks import bench_pty


def test_bench_pty_fills_every_row_on_a_tiny_database(tmp_path: Path) -> None:
    db = bench_pty.build(tmp_path, 40)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path / "home"),
        "TERM": "xterm-256color",
        "LANG": "en_US.UTF-8",
        "LEADTUI_LANG": "en",
    }
    script = tmp_path / "bare.py"
    script.write_text(bench_pty.BARE_APP)
    results = {"bare": bench_pty._samples(), "leadtui": bench_pty._samples()}
    bench_pty.run_bare(sys.executable, script, env, results["bare"])
    leadtui = str(Path(sys.executable).with_name("leadtui"))
    bench_pty.run_app(leadtui, db, env, 1, results["leadtui"])

    assert all(results["leadtui"][row] for row in bench_pty.ROW_ORDER if "lost" not in row)
    assert results["bare"]["first screen"] and results["bare"]["peak RSS (MB)"]
    printed = bench_pty.table(40, results)
    assert printed.count("\n") == len(bench_pty.ROW_ORDER) + 1
    assert "| first screen |" in printed and "× |" in printed


def _typed(view: bench_pty.TerminalView, *chunks: bytes) -> list[tuple[bool, str]]:
    """After each chunk: whether the view showed something, and its first row."""
    return [(view.receive(chunk), view.lines()[0].rstrip()) for chunk in chunks]


def test_output_outside_the_markers_shows_as_it_comes() -> None:
    # Textual's first frame has no start marker (written before the terminal's answer).
    steps = _typed(bench_pty.TerminalView(), b"\x1b[1;1Hfirst", b" frame\x1b[?2026l")
    assert steps == [(True, "first"), (True, "first frame")]


def test_a_marked_frame_shows_only_once_its_end_has_come() -> None:
    start, end = bench_pty.FRAME_START, bench_pty.FRAME_END
    steps = _typed(
        bench_pty.TerminalView(),
        b"\x1b[1;1Hold" + end,
        start + b"\x1b[1;1Hnew",
        b" rows",
        end,
    )
    assert steps == [(True, "old"), (False, "old"), (False, "old"), (True, "new rows")]


def test_a_start_marker_cut_in_two_by_a_read_still_holds_the_frame_back() -> None:
    start, end = bench_pty.FRAME_START, bench_pty.FRAME_END
    steps = _typed(
        bench_pty.TerminalView(), b"\x1b[1;1Hold" + start[:4], start[4:] + b"\x1b[1;1Hnew", end
    )
    assert steps == [(True, "old"), (False, "old"), (True, "new")]


def test_a_time_is_when_the_bytes_came_not_when_the_benchmark_looked(tmp_path: Path) -> None:
    script = tmp_path / "writes.py"
    script.write_text("import sys\nprint('one', flush=True)\nsys.stdin.readline()\n")
    term = bench_pty.Term([sys.executable, str(script)], {"PATH": os.environ.get("PATH", "")})
    while term.chunks.empty():  # the reading thread has the line
        time.sleep(0.01)
    time.sleep(0.05)
    looked = time.perf_counter()
    assert term.until(lambda lines: lines[0].strip() == "one") < looked
    os.write(term.fd, b"\r")
    term.quit()


def test_a_bottom_row_of_background_only_counts_as_drawn() -> None:
    """The bare app's first frame paints its footer's background and writes its keys a
    frame later: the first screen is the first frame, for the bare app as for ours."""
    view = bench_pty.TerminalView()
    view.receive(b"\x1b[1;1Htop row")
    assert not view.bottom_painted()
    view.receive(f"\x1b[{bench_pty.ROWS};1H\x1b[48;2;36;47;56m   \x1b[0m".encode())
    assert view.bottom_painted()


def test_peak_rss_is_the_programs_own_not_the_benchmarks_it_was_forked_from(
    tmp_path: Path,
) -> None:
    # Linux carries the forked image's high-water mark over an exec into ru_maxrss, so a
    # benchmark that had just generated a big database reported its own size as the apps'.
    script = tmp_path / "small.py"
    script.write_text(
        "import sys, tty\ntty.setraw(0)\nprint('ready', flush=True)\nsys.stdin.buffer.read(1)\n"
    )
    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # every page touched: resident
    term = bench_pty.Term([sys.executable, str(script)], {"PATH": os.environ.get("PATH", "")})
    term.until(lambda lines: lines[0].strip() == "ready")
    peak = term.quit()
    del ballast
    assert 0 < peak < 100
