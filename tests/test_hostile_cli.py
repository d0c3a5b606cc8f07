"""The CLI in a hostile world (#20 items 5, 7): every command with hostile arguments
answers in one line with exit 1 and no traceback, and no escape byte from an
argument, a path or stored data reaches the terminal."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_terminal_safety import escape_findings, write_raw

from leadtui.cli import main

HUGE = "99999999999999999999"
OSC52 = "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07"
TITLE = "\x1b]0;PWNED-TITLE\x07"
C1 = "\x9d0;PWNED-C1\x9c"


def run(db: Path, *args: str) -> Result:
    """The CLI in-process on ``db``; an escaping exception fails the test."""
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def assert_one_line_error(result: Result, case: tuple[str, ...]) -> None:
    """Exit 1, exactly one ``Error:`` line, no traceback, no raw ``[Errno``."""
    assert result.exit_code == 1, (case, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (case, result.stderr)
    assert lines[0].startswith("Error: "), (case, lines)
    assert "Traceback" not in result.output and "[Errno" not in lines[0], case


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """A good database with a backup, a damaged one, a non-database and a CSV."""
    good = tmp_path / "good" / "leads.db"
    assert run(good, "add", "--email", "ana@example.com").exit_code == 0
    assert run(good, "backup").exit_code == 0
    damaged = tmp_path / "damaged" / "leads.db"
    damaged.parent.mkdir()
    shutil.copy(good, damaged)
    with damaged.open("r+b") as handle:  # every page after the first: garbage
        handle.seek(4096)
        handle.write(os.urandom(damaged.stat().st_size - 4096))
    text = tmp_path / "text.db"
    text.write_text("not a database\n" * 20)
    csv = tmp_path / "leads.csv"
    csv.write_text("email,first_name\nbea@example.com,Bea\n", encoding="utf-8")
    return {"good": good, "damaged": damaged, "text": text, "csv": csv, "tmp": tmp_path}


def hostile_cases(w: dict[str, Path]) -> list[tuple[Path, tuple[str, ...]]]:
    """(database, arguments) pairs that must each fail in one line."""
    good, csv, out = w["good"], str(w["csv"]), str(w["tmp"] / "out.csv")
    cases: list[tuple[Path, tuple[str, ...]]] = [
        (good, ("move", HUGE, "won")),
        (good, ("move", "-1", "won")),
        (good, ("move", "1", "nowhere")),
        (good, ("move", "nobody@example.com", "won")),
        (good, ("forget", HUGE)),
        (good, ("forget", "nobody@example.com")),
        (good, ("import", "--revert", HUGE)),
        (good, ("import", "--revert", "-5")),
        (good, ("import", "--revert", "abc")),
        (good, ("import", csv, "--encoding", "no-such-codec")),
        (good, ("import", csv, "--encoding", "rot13")),
        (good, ("import", csv, "--delimiter", ";;")),
        (good, ("import", csv, "--delimiter", '"')),
        (good, ("import", csv, "--map", "nonsense")),
        (good, ("import", str(w["tmp"] / "missing.csv"))),
        (good, ("import", str(w["text"]))),
        (good, ("add", "--email", "not an email")),
        (good, ("add", "--stage", HUGE)),
        (good, ("list", "--limit", HUGE)),
        (good, ("list", "--stage", "nowhere")),
        (good, ("export", out, "--lead", HUGE)),
        (good, ("export", out, "--stage", "nowhere")),
        (good, ("export", str(w["good"]), "--force")),
        (good, ("export", str(w["tmp"] / "no-folder" / "x.csv"))),
        (good, ("restore", str(w["tmp"] / "missing.db"), "--yes")),
        (good, ("restore", str(w["text"]), "--yes")),
        (good, ("nonsense-command",)),
        (good, ("duplicates", "--min", "surely")),
        (good, ("merge", HUGE, "1")),
        (good, ("merge", "1", "1")),
        (good, ("merge", "1", "nobody@example.com")),
        (good, ("unmerge", HUGE)),
        (good, ("unmerge", "-3")),
        (good, ("views", "--view", "no-such-view")),
        (good, ("list", "--view", "no-such-view")),
        (good, ("agenda", "--limit", HUGE)),
        (good, ("log", HUGE, "--kind", "call", "hello")),
        (good, ("log", "1", "--kind", "telepathy", "hello")),
        (good, ("log", "1", "--kind", "call", "hi", "--followup", "someday maybe")),
        (good, ("followup", HUGE, "tomorrow")),
        (good, ("followup", "1", "13/45")),
        (good, ("score", HUGE, "--explain")),
        (good, ("score", "nobody@example.com")),
        (good, ("score", "1", "--pin", "-3")),
        (good, ("stages", "rename", "nowhere", "Somewhere")),
        (good, ("stages", "remove", "won")),
        (good, ("stages", "cadence", "new", HUGE)),
        (good, ("stages", "add", TITLE + "x" * 300)),
        (good, ("stages", "move", "new", "--after", "nowhere")),
        (good, ("assign", HUGE, "luis")),
        (good, ("assign", "1", "x" * 500)),
        (good, ("assign", "1", "luis", "--none")),
    ]
    for broken in (w["damaged"], w["text"], w["tmp"] / "nothing-here.db"):
        for args in (
            ("export", out, "--force"),
            ("backup",),
            ("stats",),
            ("list",),
            ("move", "1", "won"),
            ("add", "--email", "x@example.com") if broken.exists() else ("stats", "--json"),
            ("forget", "1"),
            ("import", "--revert", "1"),
            ("check",),
            ("whoami",),
        ):
            cases.append((broken, args))
    cases.append((w["damaged"], ("import", csv)))
    cases.append((w["damaged"], ("restore", "--yes")))  # no backup beside it
    return cases


def test_every_command_answers_hostile_arguments_in_one_line(world: dict[str, Path]) -> None:
    cases = hostile_cases(world)
    commands = {args[0] for _db, args in cases}
    assert set(main.commands) <= commands, "a command without hostile cases"
    for db, args in cases:
        assert_one_line_error(run(db, *args), args)


def test_leadtui_backups_must_be_a_positive_number(
    world: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for value in ("-1", "0", "abc", "1.5"):
        monkeypatch.setenv("LEADTUI_BACKUPS", value)
        result = run(world["good"], "backup")
        assert_one_line_error(result, ("LEADTUI_BACKUPS", value))
        assert "LEADTUI_BACKUPS" in result.stderr
    monkeypatch.setenv("LEADTUI_BACKUPS", "2")
    assert run(world["good"], "backup").exit_code == 0


def test_an_export_named_like_a_backup_is_not_listed(world: dict[str, Path]) -> None:
    good = world["good"]
    fake = good.parent / "backups" / "leads-manual-20990101T000000Z.db"
    assert run(good, "export", str(fake)).exit_code == 0
    listed = run(good, "backup", "--list").stdout
    assert fake.name not in listed and "leads-manual-" in listed


def test_restore_with_standard_input_closed(world: dict[str, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "leadtui", "--db", str(world["good"]), "restore"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: No answer can be read (standard input is closed); pass --yes to confirm."
    ]


# -- escapes: every command, in a real pseudo-terminal -----------------------------------


def run_in_pty(db: Path, *args: str) -> bytes:
    """``python -m leadtui --db DB ARGS`` with stdout and stderr on a pty; all it wrote."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    with subprocess.Popen(
        [sys.executable, "-m", "leadtui", "--db", str(db), *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    ) as process:
        os.close(follower)
        output = bytearray()
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(leader, 65536)
            except OSError:  # the child closed the pty
                break
            if not data:
                break
            output.extend(data)
        process.wait(timeout=60)
    os.close(leader)
    return bytes(output)


def test_no_escape_reaches_the_terminal_from_any_command(tmp_path: Path) -> None:
    folder = tmp_path / f"data{TITLE}"
    db = folder / f"leads{OSC52}.db"
    folder.mkdir()
    write_raw(db)  # stored data with escapes, as another program wrote it
    hostile_csv = tmp_path / f"in{TITLE}.csv"
    hostile_csv.write_text(
        f"email,first_name,company\nx{OSC52}@example.com,{TITLE}Eve,{C1}Co\n"
        f"eve@example.com,Eve{OSC52},{TITLE}\n",
        encoding="utf-8",
    )
    out = tmp_path / f"out{OSC52}.csv"
    runs: list[tuple[str, ...]] = [
        ("list",),
        ("list", "--json"),
        ("stats",),
        ("stats", "--json"),
        ("add", "--first-name", f"A{OSC52}", "--company", C1, "--email", f"a{TITLE}@x.com"),
        ("add", "--first-name", f"A{OSC52}", "--stage", f"won{TITLE}"),
        ("move", f"x{OSC52}", "won"),
        ("move", "1", f"{TITLE}won"),
        ("move", "2", "won", "--reason", OSC52),
        ("import", str(hostile_csv)),
        ("import", str(hostile_csv), "--dry-run", "--map", f"email{OSC52}=email"),
        ("import", str(tmp_path / f"missing{C1}.csv")),
        ("import", str(hostile_csv), "--encoding", f"utf{OSC52}"),
        ("export", str(out)),
        ("export", "-"),
        ("export", "-", "--format", "json"),
        ("export", "-", "--format", "vcf"),
        ("export", str(tmp_path / f"nowhere{TITLE}" / "x.csv")),
        ("forget", f"y{OSC52}@example.com"),
        ("backup",),
        ("backup", "--list"),
        ("check",),
        ("restore", str(tmp_path / f"none{TITLE}.db"), "--yes"),
        (f"nonsense{OSC52}",),
    ]
    for args in runs:
        output = run_in_pty(db, *args)
        assert output, args
        assert escape_findings(output) == {}, (args, output[-400:])
    raw = run_in_pty(db, "export", "-", "--raw")
    assert b"\x1b]52;" in raw or b"\x1b]0;" in raw  # --raw keeps the data exactly
