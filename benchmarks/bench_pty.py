"""The installed ``leadtui`` in a real pseudo-terminal (120x36), next to a bare Textual app.

    .venv/bin/python benchmarks/bench_pty.py [--sizes 1000,100000,1000000] [--rounds 3]
        [--app after=.venv/bin/leadtui --app before=/elsewhere/.venv/bin/leadtui]
    .venv/bin/python benchmarks/bench_pty.py --db sqlite=/var/tmp/x/leads.db \
        --db postgres='postgresql://me@/leads?host=/var/run/postgresql'

Each round starts, in turn, a bare Textual app (Header, Static, Footer) and every
``--app`` the same way: forked into a pty of 120x36, the terminal parsed by pyte. A
frame is what Textual writes between its synchronized-output markers (the DECRQM
query for mode 2026 is answered, so frames end with ``ESC[?2026l``). The screen is
what a terminal would show: output outside those markers at once, a marked frame once
its end has come. A thread does nothing but read the terminal and note when each chunk
came, so the times are the bytes' arrival, not when the benchmark got round to them:
pyte takes ~35 ms to parse one full frame of the list, and reading and parsing in turn
held the next read back by that much, the more the more a frame holds (a terminal
emulator parses it in well under a millisecond). Rows:

- first screen: process start → the first screen showing lead names (the bare app:
  its text); counts: → the header shows the total and overdue counts;
- ``j``, PgDn, End, a search keystroke, a board move (``L``/``H``): key written → the
  end of the first frame that changed the screen (medians over ``--keys`` presses);
- search results: last key of "mar" → the header names the search (the rows are in);
- idle CPU: the process's CPU time over 2 s of nothing, on the list and on the import
  screen before a file is chosen (its path box has the focus: the bare app's figure on
  that row is the same bare app with a focused Input, whose cursor blinks);
  peak RSS: the process's ``VmHWM`` just before it is asked to quit (its own image's
  high-water mark; ``ru_maxrss`` would also count the benchmark's pages it was forked
  from, which Linux carries over an exec, so a database generated in the same run
  showed as the apps' peak).

Databases are generated once under ``--folder`` (``leads-N.db``) and reused. With
``--db LABEL=TARGET`` (repeatable; a file or a ``postgresql://`` URL) the given databases
are measured instead, side by side in one table: each ``--app`` on each, a column each.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import os
import queue
import signal
import statistics
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.peak_memory import high_water_mb  # noqa: E402

COLS, ROWS = 120, 36
DECRQM_2026 = b"\x1b[?2026$p"
FRAME_START = b"\x1b[?2026h"
FRAME_END = b"\x1b[?2026l"
SWITCH_INTERVAL = 0.0002
"""Python's switch interval while measuring (s): the reading thread gets the interpreter
back this soon after a chunk arrives, however long the parsing of the last one takes."""
KEYS = {"j": b"j", "PgDn": b"\x1b[6~", "End": b"\x1b[F", "Home": b"\x1b[H"}
BARE_TEXT = "bare Textual app"
BARE_APP = f"""
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield Static({BARE_TEXT!r})
        yield Footer()

Bare().run()
"""

BARE_INPUT_APP = BARE_APP.replace(
    "        yield Static(", "        yield Input(placeholder='typed here')\n        yield Static("
).replace("Footer, Header, Static", "Footer, Header, Input, Static")
"""The floor of a screen whose focused input blinks its cursor (as the import screen's)."""

Samples = dict[str, list[float]]


class TerminalView:
    """What a terminal shows of the bytes it was sent: output outside the synchronized-
    output markers at once, a marked frame only once its end has come."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(COLS, ROWS)
        self._stream = pyte.ByteStream(self.screen)
        self.unshown = b""
        """Bytes received and not yet shown: a marked frame whose end has not come."""

    def receive(self, data: bytes) -> bool:
        """Take ``data``; whether the screen may have changed (something was shown)."""
        self.unshown += data
        start, end = self.unshown.rfind(FRAME_START), self.unshown.rfind(FRAME_END)
        shown = start if start > end else len(self.unshown)
        for size in range(len(FRAME_START) - 1, 0, -1):  # a marker cut in two by a read
            if self.unshown[:shown].endswith(FRAME_START[:size]):
                shown -= size
                break
        if shown == 0:
            return False
        self._stream.feed(self.unshown[:shown])
        self.unshown = self.unshown[shown:]
        return True

    def lines(self) -> list[str]:
        """The screen as text, one string a row."""
        return list(self.screen.display)

    def bottom_painted(self) -> bool:
        """Whether anything was drawn on the bottom row (text or a background)."""
        row = self.screen.buffer[ROWS - 1]
        return any(row[x].data != " " or row[x].bg != "default" for x in range(COLS))


class Term:
    """One process in a pseudo-terminal, its screen as a terminal would show it."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: the pty is its controlling terminal
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            os.close(master)
            os.execve(argv[0], argv, env)
        os.close(slave)
        self.pid, self.fd = pid, master
        _RUNNING.add(pid)
        self.view = TerminalView()
        self.frame_at: float | None = None
        """When the last chunk that changed the screen was read."""
        self.chunks: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()
        threading.Thread(target=self._pump, daemon=True, name=f"pty-{pid}").start()

    def _pump(self) -> None:
        """Read the terminal as fast as it is written: (when read, bytes) onto ``chunks``;
        answers the DECRQM query for synchronized output; b"" once it closes."""
        tail = b""
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                data = b""
            when = time.perf_counter()
            seen = tail + data
            if DECRQM_2026 in seen:
                os.write(self.fd, b"\x1b[?2026;2$y")
            tail = seen[-16:]
            self.chunks.put((when, data))
            if not data:
                return

    def lines(self) -> list[str]:
        """The screen as text, one string a row."""
        return self.view.lines()

    def _read(self, timeout: float) -> tuple[float, bool] | None:
        """One chunk: (when it was read, whether it changed the screen), None on timeout."""
        try:
            when, data = self.chunks.get(timeout=max(timeout, 0))
        except queue.Empty:
            return None
        if not data:
            raise RuntimeError("the process closed its terminal")
        if not self.view.receive(data):
            return when, False
        self.frame_at = when
        return when, True

    def until(
        self, check: Callable[[list[str]], bool], timeout: float = 60.0, *, shown: bool = False
    ) -> float:
        """When the screen first satisfied ``check`` (raises after ``timeout``).

        ``shown``: the frames read already count (two frames can come in one read: the
        counts right behind the first screen), else only frames read from now on.
        """
        if shown and self.frame_at is not None and check(self.lines()):
            return self.frame_at
        deadline = time.perf_counter() + timeout
        while True:
            chunk = self._read(deadline - time.perf_counter())
            if chunk is None:
                raise TimeoutError("\n".join(self.lines()))
            if chunk[1] and check(self.lines()):
                return chunk[0]

    def quiet(self, period: float = 0.3, timeout: float = 30.0) -> None:
        """Read until nothing has been written for ``period`` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self._read(period) is not None:
            pass

    def press(
        self, key: bytes, check: Callable[[list[str]], bool] | None = None, timeout: float = 60.0
    ) -> float:
        """Seconds from writing ``key`` to the end of the next frame (that meets ``check``)."""
        began = time.perf_counter()
        os.write(self.fd, key)
        return self.until(check or (lambda _: True), timeout) - began

    def cpu_over(self, seconds: float) -> float:
        """The process's CPU use in percent over ``seconds`` of reading its output."""
        began, start = _cpu(self.pid), time.perf_counter()
        self.quiet(period=seconds, timeout=seconds)
        time.sleep(max(0.0, seconds - (time.perf_counter() - start)))
        return 100 * (_cpu(self.pid) - began) / (time.perf_counter() - start)

    def quit(self) -> float:
        """Ctrl+Q, reap the process; its peak RSS in MB."""
        peak = high_water_mb(self.pid)
        os.write(self.fd, b"\x11")
        while True:
            try:
                if self._read(5.0) is None:
                    break
            except (OSError, RuntimeError):
                break
        _, _, usage = os.wait4(self.pid, 0)
        _RUNNING.discard(self.pid)
        os.close(self.fd)
        return peak if peak is not None else usage.ru_maxrss / 1024


_RUNNING: set[int] = set()
"""Children not reaped yet: a round that fails must not leave them running."""


@atexit.register
def _kill_leftovers() -> None:
    for pid in tuple(_RUNNING):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# What the list's column header and its count of overdue leads say, per language.
WORDS = {"en": ("Name", "overdue", "“mar”"), "es": ("Nombre", "vencido", "«mar»")}
LANGUAGE = {"name": "Name", "overdue": "overdue", "search": "“mar”"}


def _has_leads(lines: list[str]) -> bool:
    return lines[3].lstrip().startswith(LANGUAGE["name"]) and any(c.isalpha() for c in lines[4])


def _bare_text(lines: list[str]) -> bool:
    return any(BARE_TEXT in row for row in lines)


def _whole(term: Term, check: Callable[[list[str]], bool]) -> Callable[[list[str]], bool]:
    """``check``, once the frame has reached the terminal's bottom row: a frame written
    before the terminal's answer on synchronized output has no markers and is shown as
    it comes, so its top alone must not count. Painted, not written: the bare app's first
    frame draws its footer's background and its keys only a frame later (~35 ms)."""
    return lambda lines: check(lines) and term.view.bottom_painted()


def _echoed(typed: str) -> Callable[[list[str]], bool]:
    return lambda lines: lines[2].strip() == typed


def _counts_shown(lines: list[str]) -> bool:
    return _has_leads(lines) and LANGUAGE["overdue"] in lines[1]


def run_bare(python: str, script: Path, env: dict[str, str], out: Samples) -> None:
    """The floor: a bare Textual app's first screen and memory."""
    term = Term([python, str(script)], env)
    out["first screen"].append(term.until(_whole(term, _bare_text)) - term.started)
    term.quiet()
    out["idle CPU, list (%)"].append(term.cpu_over(2.0))
    out["peak RSS (MB)"].append(term.quit())
    # The import screen's floor: the same app with a focused Input (its cursor blinks).
    with_input = script.with_name("bare_input_app.py")
    with_input.write_text(BARE_INPUT_APP)
    term = Term([python, str(with_input)], env)
    term.until(_whole(term, _bare_text))
    term.quiet()
    out["idle CPU, import screen (%)"].append(term.cpu_over(2.0))
    term.quit()


def run_app(
    leadtui: str,
    db: Path | str,
    env: dict[str, str],
    keys: int,
    out: Samples,
    *,
    quick: bool = False,
) -> None:
    """One leadtui process on ``db``: every row of the table (``quick``: start-up only)."""
    term = Term([leadtui, "--db", str(db)], env)
    out["first screen"].append(term.until(_whole(term, _has_leads)) - term.started)
    out["counts shown"].append(term.until(_counts_shown, shown=True) - term.started)
    term.quiet()
    if quick:
        out["peak RSS (MB)"].append(term.quit())
        return
    for name in ("j", "PgDn"):
        for _ in range(keys):
            out[name].append(term.press(KEYS[name]))
            term.quiet(0.15)
    for _ in range(keys):
        out["End"].append(term.press(KEYS["End"]))
        term.quiet(0.15)
        term.press(KEYS["Home"])
        term.quiet(0.15)
    for _ in range(keys):
        term.press(b"/")
        try:
            for typed in ("m", "ma"):
                echo = term.press(typed[-1].encode(), _echoed(typed), timeout=10.0)
                out["search keystroke"].append(echo)
            out["search last key → results"].append(
                term.press(b"r", lambda s: LANGUAGE["search"] in s[1] and _has_leads(s))
            )
        except TimeoutError:  # a keystroke the app lost: counted, the box cleared
            out["search keystrokes lost (count)"].append(1)
        term.quiet()
        term.press(b"\x1b", lambda s: LANGUAGE["search"] not in s[1] and _has_leads(s))
        term.quiet()
    # After the keys: the ORM warm-up (a worker after the first frame) is over by now.
    out["idle CPU, list (%)"].append(term.cpu_over(2.0))
    term.press(b"b")
    term.quiet(0.5)
    for step in range(keys):
        out["board move"].append(term.press(b"L" if step % 2 == 0 else b"H"))
        term.quiet()
    if keys % 2:
        term.press(b"H")
    term.press(b"v")
    term.quiet()
    term.press(b"\x0f")
    term.quiet(0.5, timeout=1.0)  # an animation never goes quiet
    out["idle CPU, import screen (%)"].append(term.cpu_over(2.0))
    out["peak RSS (MB)"].append(term.quit())


def build(folder: Path, size: int) -> Path:
    """``leads-N.db`` in ``folder``, generated unless it is already there."""
    path = folder / f"leads-{size}.db"
    if not path.exists():
        from benchmarks.generate import build_db

        partial = path.with_suffix(".building")
        build_db(partial, size).close()
        os.replace(partial, path)
    return path


ROW_ORDER = (
    "first screen",
    "counts shown",
    "j",
    "PgDn",
    "End",
    "search keystroke",
    "search last key → results",
    "search keystrokes lost (count)",
    "board move",
    "idle CPU, list (%)",
    "idle CPU, import screen (%)",
    "peak RSS (MB)",
)


def table(size: int | str, results: dict[str, Samples]) -> str:
    """One Markdown table: medians per app, and each app's ratio to the bare app."""
    names = list(results)
    title = f"{size:,} leads" if isinstance(size, int) else size
    head = "| " + f"{title} | " + " | ".join(names)
    head += " | " + " | ".join(f"{n} ÷ bare" for n in names[1:]) + " |"
    lines = [head, "|" + "---|" * (1 + 2 * len(names) - 1)]
    for row in ROW_ORDER:
        cells, medians = [], []
        for name in names:
            got = results[name].get(row, [])
            value = statistics.median(got) if got else None
            if "lost" in row:  # a total over every round, 0 included
                value = float(sum(got)) if name != "bare" else None
            medians.append(value)
            scale, unit = (1000, " ms") if "(" not in row else (1, "")
            cells.append("" if value is None else f"{value * scale:.1f}{unit}")
        floor = medians[0]
        ratios = [
            f"{value / floor:.2f}×" if value is not None and floor else "" for value in medians[1:]
        ]
        lines.append(f"| {row} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(lines)


def main() -> None:
    """Parse the options, run interleaved rounds, print one table per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keys", type=int, default=5, help="presses of each key per process")
    parser.add_argument("--folder", type=Path, default=Path("/var/tmp/perf"))
    parser.add_argument(
        "--app",
        action="append",
        help="NAME=path/to/leadtui[@FOLDER] (repeatable; FOLDER: this app's own leads-N.db, "
        "e.g. for a build that cannot open a file another schema migrated)",
    )
    parser.add_argument("--lang", choices=sorted(WORDS), default="en")
    parser.add_argument("--quick", action="store_true", help="start-up rows and RSS only")
    parser.add_argument(
        "--db", action="append", help="LABEL=file-or-URL: measure these instead (repeatable)"
    )
    args = parser.parse_args()
    sys.setswitchinterval(SWITCH_INTERVAL)
    LANGUAGE["name"], LANGUAGE["overdue"], LANGUAGE["search"] = WORDS[args.lang]
    apps = dict(item.split("=", 1) for item in args.app or [])
    apps = apps or {"leadtui": str(Path(sys.executable).with_name("leadtui"))}
    args.folder.mkdir(parents=True, exist_ok=True)
    script = args.folder / "bare_app.py"
    script.write_text(BARE_APP)
    home = args.folder / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": "xterm-256color",
        "LANG": "es_ES.UTF-8" if args.lang == "es" else "en_US.UTF-8",
        "LEADTUI_LANG": args.lang,
        "LEADTUI_SETTINGS": str(home / "no-settings.toml"),
        "COLORTERM": "truecolor",
    }
    if args.db:  # every app on each given database (one column each)
        targets = dict(item.split("=", 1) for item in args.db)
        runs = {
            (label if len(apps) == 1 else f"{name} {label}"): (leadtui.split("@")[0], target)
            for label, target in targets.items()
            for name, leadtui in apps.items()
        }
        print(table(" vs ".join(targets), rounds(args, runs, script, env)), "\n", flush=True)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        runs = {
            name: (leadtui.split("@")[0], str(_app_db(args.folder, size, leadtui)))
            for name, leadtui in apps.items()
        }
        print(table(size, rounds(args, runs, script, env)), "\n", flush=True)


def rounds(
    args: argparse.Namespace,
    runs: dict[str, tuple[str, str]],
    script: Path,
    env: dict[str, str],
) -> dict[str, Samples]:
    """Interleaved rounds of the bare app and each run (NAME: (leadtui, database))."""
    results: dict[str, Samples] = {"bare": _samples()} | {n: _samples() for n in runs}
    for leadtui, db in runs.values():  # warm-up: caches, the day's backup
        run_app(leadtui, db, env, 1, _samples(), quick=args.quick)
    for _ in range(args.rounds):
        run_bare(sys.executable, script, env, results["bare"])
        for name, (leadtui, db) in runs.items():
            run_app(leadtui, db, env, args.keys, results[name], quick=args.quick)
    return results


def _app_db(folder: Path, size: int, app: str) -> Path:
    """The database an ``--app`` value runs on: its own ``@FOLDER``'s, else ``folder``'s."""
    _program, _at, own = app.partition("@")
    return build(Path(own) if own else folder, size)


def _samples() -> Samples:
    return {row: [] for row in ROW_ORDER}


if __name__ == "__main__":
    main()
