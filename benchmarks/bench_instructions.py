"""Instructions to the first frame: the installed ``leadtui`` and a bare Textual app, counted.

    .venv/bin/python benchmarks/bench_instructions.py [--sizes 1000,1000000]
        [--app after=.venv/bin/leadtui --app before=/elsewhere/.venv/bin/leadtui]

Each program runs once under ``valgrind --tool=callgrind`` in the same pseudo-terminal
as ``bench_pty.py`` (120x36, its answers to the terminal's queries, its databases and
home folder) and ends itself as Textual posts ``Ready``, right after the first frame is
composed and handed to the writer. What is counted is every instruction the process ran
until then: a count, not a time, so it repeats to within ~0.1 % whatever else the
machine is doing, where the pty's wall-clock medians drift by tens of percent on a shared
machine. It leaves out what costs time without instructions (page faults, reading files,
waiting for the terminal), so it is the CPU-work half of the pty benchmark's first-screen
row, not a replacement for it. Needs valgrind; ~15 s a program.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_pty import _RUNNING, BARE_APP, Term, build  # noqa: E402 (after the path)

# Imported first by the measured interpreter: ends it as Textual posts Ready (the first
# frame is out). A meta-path hook, not an import of textual.app here, so that Textual is
# imported where and when the program itself imports it (leadtui pauses the collector
# before it does).
STOP_AT_FIRST_FRAME = """
import importlib.abc, importlib.machinery, os, runpy, sys

class _StopAtReady(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            from textual import events
            post = module.App.post_message

            def post_message(self, message):
                posted = post(self, message)
                if isinstance(message, events.Ready):
                    os._exit(0)
                return posted

            module.App.post_message = post_message

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _StopAtReady())
if sys.argv[1] == "--bare":
    runpy.run_path(sys.argv[2], run_name="__main__")
else:
    sys.argv = ["leadtui", "--db", sys.argv[1]]
    from leadtui.launch import main
    main()
"""


def program_env(folder: Path) -> dict[str, str]:
    """The environment ``bench_pty.py`` gives its programs (its home under ``folder``)."""
    home = folder / "home"
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": "xterm-256color",
        "LANG": "en_US.UTF-8",
        "LEADTUI_LANG": "en",
        "LEADTUI_SETTINGS": str(home / "no-settings.toml"),
        "COLORTERM": "truecolor",
    }


def instructions(
    python: str, target: str, folder: Path, env: dict[str, str], timeout: float = 600.0
) -> int:
    """Instructions ``python`` runs from start to the first frame of ``target`` (a
    database, or ``--bare SCRIPT``); the program is killed if it runs past ``timeout``."""
    hook = folder / "stop_at_first_frame.py"
    hook.write_text(STOP_AT_FIRST_FRAME)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        log = Path(scratch) / "callgrind.log"
        argv = [
            str(shutil.which("valgrind")),
            "--tool=callgrind",
            f"--callgrind-out-file={scratch}/callgrind.out",
            f"--log-file={log}",
            python,
            str(hook),
            *target.split(" ", 1),
        ]
        term = Term(argv, env)
        deadline = time.monotonic() + timeout
        while (reaped := os.waitpid(term.pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                os.kill(term.pid, signal.SIGKILL)
            time.sleep(0.05)
        status = reaped[1]
        _RUNNING.discard(term.pid)  # reaped: not one to kill at exit
        found = re.search(r"Collected : (\d+)", log.read_text())
        if status != 0 or found is None:
            raise SystemExit(f"{python} {target}: no count (status {status}):\n{log.read_text()}")
        return int(found.group(1))


def main() -> None:
    """Count the bare app and each ``--app`` at each size; print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--folder", type=Path, default=Path("/var/tmp/perf"))
    parser.add_argument("--app", action="append", help="NAME=path/to/leadtui (repeatable)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    apps = dict(item.split("=", 1) for item in args.app or [])
    apps = apps or {"leadtui": str(Path(sys.executable).with_name("leadtui"))}
    args.folder.mkdir(parents=True, exist_ok=True)
    bare = args.folder / "bare_app.py"
    bare.write_text(BARE_APP)
    env = program_env(args.folder)
    floor = instructions(sys.executable, f"--bare {bare}", args.folder, env)
    print("| instructions to the first frame | " + " | ".join(apps) + " |")
    print("|---|" + "---|" * len(apps))
    print(f"| bare Textual app | {floor / 1e6:,.0f} M" + " |" * len(apps))
    for size in (int(s) for s in args.sizes.split(",")):
        db = build(args.folder, size)
        counts = [
            instructions(str(Path(leadtui).with_name("python")), str(db), args.folder, env)
            for leadtui in apps.values()
        ]
        cells = " | ".join(f"{n / 1e6:,.0f} M ({n / floor:.2f}×)" for n in counts)
        print(f"| {size:,} leads | {cells} |", flush=True)


if __name__ == "__main__":
    main()
