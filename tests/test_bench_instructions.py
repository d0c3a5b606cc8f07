"""The instruction-count benchmark counts a real start, and the start ends at its first frame."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from benchmarks import bench_instructions
from benchmarks.bench_pty import BARE_APP, build

pytestmark = pytest.mark.skipif(shutil.which("valgrind") is None, reason="needs valgrind")


def test_counts_instructions_to_the_first_frame_of_both_programs(tmp_path: Path) -> None:
    """Both programs end themselves at their first frame (a hang is killed and fails),
    and leadtui's start, which does more, counts more than the bare app's."""
    env = bench_instructions.program_env(tmp_path)
    script = tmp_path / "bare_app.py"
    script.write_text(BARE_APP)
    bare = bench_instructions.instructions(
        sys.executable, f"--bare {script}", tmp_path, env, timeout=300
    )
    db = build(tmp_path, 40)
    leadtui = bench_instructions.instructions(sys.executable, str(db), tmp_path, env, timeout=300)
    assert 0 < bare < leadtui
