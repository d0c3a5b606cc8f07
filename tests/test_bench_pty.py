"""The pseudo-terminal benchmark runs end to end on a tiny database (it never asserts times)."""

from __future__ import annotations

import os
import sys
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
