"""Hostile text is data: no escape sequence, markup, link or action ever reaches the terminal."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from pg_fixtures import both_backends

from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.domain.validation import ValidationError
from leadtui.launch import open_store
from leadtui.store import LeadStore

pytestmark = both_backends

PAYLOADS: tuple[str, ...] = (
    # Rich/Textual markup and actions
    "Acme [/]",
    "[bold red]Bold[/] Inc",
    "[@click=app.quit]x",
    "[link=https://evil]x[/link]",
    "[$accent]Accent",
    "[on red]Bg",
    "\\[escaped]",
    "[b]unclosed",
    # ANSI CSI, OSC, DCS and C1
    "\x1b[2J\x1b[HClear",
    "\x1b]0;PWNED-TITLE\x07Title",
    "\x1b]2;PWNED-TITLE\x1b\\Title2",
    "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07Clip",
    "\x1b]8;;http://evil.example/\x1b\\Link\x1b]8;;\x1b\\",
    "\x1bP1$qm\x1b\\DCS",
    "\x1b_APC\x1b\\Apc",
    "\x9b2JC1",
    "\x9d0;PWNED-C1\x9cC1title",
    "\x1b[31mRed\x1b[0m",
    "\x07Bell\x08Back\x7fDel",
    "Tab\tNew\nLine\rCR",
    # bidi and zero-width
    "\u202eevil.exe\u202c",
    "\u2066iso\u2069",
    "Zero\u200bWidth\u200dJoin\ufeff",
    # emoji, CJK, combining
    "Emoji 😀👩‍💻🇪🇸",
    "株式会社テスト",
    "e\u0301\u0301\u0301 Zalgơ̷̢̖",
    "Ünïcödé Ñandú",
)
LONG = "W" * 10_000
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ROWS, COLS = 36, 120


def stored_text(path: Path) -> list[tuple[str, str, str]]:
    """Every text value in every user table: (table, column, value)."""
    conn = sqlite3.connect(path)
    found: list[tuple[str, str, str]] = []
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'lead_fts%'"
        )
    ]
    for table in tables:
        columns = [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))]
        for values in conn.execute(f'SELECT * FROM "{table}"'):  # table names from sqlite_master
            found += [
                (table, column, value)
                for column, value in zip(columns, values, strict=True)
                if isinstance(value, str)
            ]
    conn.close()
    return found


def add_corpus(store: LeadStore) -> int:
    """Put every payload into every text field through the store; returns leads added."""
    added = 0
    for payload in PAYLOADS:
        lead = store.leads.add_lead(
            LeadInput(
                first_name=payload,
                last_name=payload,
                company=payload,
                job_title=payload,
                campaign=payload,
                utm_source=payload,
                utm_medium=payload,
                utm_campaign=payload,
                tags=[payload],
            )
        )
        assert lead.id is not None
        store.touches.add_activity(lead.id, "note", payload)
        store.pipeline.move_lead(lead.id, "contacted", payload)
        added += 1
    return added


@pytest.mark.sqlite_only("reads every text value from the SQLite file")
def test_store_keeps_no_escape_or_control_characters(store: LeadStore) -> None:
    """After the corpus goes in through the store, no stored text holds ESC, C0/C1 or bidi."""
    assert add_corpus(store) == len(PAYLOADS)
    bad = [
        (t, c, v)
        for t, c, v in stored_text(store.path)
        if FORBIDDEN.search(v.replace("\n", "") if c == "body" else v)
    ]
    assert bad == []
    names = {row.first_name for row in store.reads.page_list(LeadFilter(), LeadSort(), 0, 100)}
    assert "[@click=app.quit]x" in names and "Acme [/]" in names  # markup kept literally
    assert "Emoji 😀👩‍💻🇪🇸" in names and "株式会社テスト" in names


def test_ten_thousand_character_names_are_refused_clearly(store: LeadStore) -> None:
    """A 10,000-character name is a validation error (field named), not a crash; notes fit."""
    with pytest.raises(ValidationError) as caught:
        store.leads.add_lead(LeadInput(first_name=LONG))
    assert caught.value.field == "first_name"
    lead = store.leads.add_lead(LeadInput(first_name="Long note"))
    assert lead.id is not None
    store.touches.add_activity(lead.id, "note", LONG)
    notes = [entry.body for entry in store.reads.timeline(lead.id) if entry.kind == "activity"]
    assert notes == [LONG]


def write_raw(path: Path) -> None:
    """Payloads written straight into the file, as another program could: no cleaning."""
    store = open_store(path)
    store.imports.bulk_insert_leads(
        {"first_name": f"Raw {i}", "company": "Raw"} for i in range(len(PAYLOADS) + 1)
    )
    store.close()
    conn = sqlite3.connect(path)
    for index, payload in enumerate((*PAYLOADS, LONG), start=1):
        conn.execute(
            "UPDATE lead SET first_name = ?, last_name = ?, company = ?, job_title = ? "
            "WHERE id = ?",
            (payload, payload, payload, payload, index),
        )
        conn.execute(
            "INSERT INTO activity (lead_id, kind, at, body) "
            "VALUES (?, 'note', '2026-03-16 09:00:00', ?)",
            (index, payload),
        )
        conn.execute("UPDATE stagechange SET reason = ? WHERE lead_id = ?", (payload, index))
        conn.execute("INSERT OR IGNORE INTO tag (name) VALUES (?)", (payload[:60],))
        conn.execute(
            "INSERT OR IGNORE INTO leadtag (lead_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
            (index, payload[:60]),
        )
    conn.execute("UPDATE stage SET name = ? WHERE key = 'won'", ("\x1b]0;PWNED-STAGE\x07Won",))
    conn.commit()
    conn.close()


def test_reads_strip_escapes_from_foreign_data(tmp_path: Path) -> None:
    """Text written by another program comes out of every store read without escapes."""
    path = tmp_path / "raw.db"
    write_raw(path)
    store = open_store(path)
    outputs: list[object] = [
        store.reads.page_list(LeadFilter(), LeadSort(), 0, 100),
        store.reads.stages(),
        store.reads.stage_totals(),
        store.reads.all_tags(),
    ]
    for lead_id in range(1, len(PAYLOADS) + 2):
        outputs += [
            store.reads.lead_row(lead_id),
            store.reads.tags_of(lead_id),
            store.reads.timeline(lead_id),
            store.reads.stage_history(lead_id),
            store.leads.lead_input(lead_id),
            store.reads.lead_detail(lead_id),
        ]
    store.close()
    text = repr(outputs)  # repr shows any control character as an escape like \x1b
    for needle in ("\\x1b", "\\x9b", "\\x9d", "\\x07", "\\u202e", "\\x08"):
        assert needle not in text


# -- the real app in a pseudo-terminal ----------------------------------------------------

ALLOWED_OSC = re.compile(rb"\x1b\]22;")  # Textual sets the mouse pointer shape
DANGEROUS = {
    "clear screen": re.compile(rb"\x1b\[2J"),
    "DCS/APC/PM/SOS string": re.compile(rb"\x1b[P_^X]"),
    "C1 control (UTF-8)": re.compile(rb"\xc2[\x80-\x9f]"),
    "raw C1 byte": re.compile(rb"(?<![\xc0-\xdf\xe0-\xef\xf0-\xf7\x80-\xbf])[\x80-\x9f]"),
    "evil link": re.compile(rb"\]8;[^\x07\x1b]*evil"),
    "window title": re.compile(rb"\x1b\][012];"),
    "clipboard": re.compile(rb"\x1b\]52;"),
}


def run_in_pty(
    db: Path,
    keys: list[bytes],
    settle: float = 4.0,
    gap: float = 0.5,
    waits: dict[bytes, bytes] | None = None,
) -> tuple[bytes, bool]:
    """Run ``python -m leadtui --db DB`` in a pty, type ``keys``; (output, still running).

    ``waits`` maps a key to output that must appear (up to 20 s) before the next key.
    """
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLS), "LINES": str(ROWS)}
    for name in ("TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR"):
        env.pop(name, None)
    pid, fd = pty.fork()
    if pid == 0:  # child: fix the size, then become the app
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(sys.executable, [sys.executable, "-m", "leadtui", "--db", str(db)], env)
    output = bytearray()

    def pump(seconds: float, until: bytes | None = None) -> None:
        end = time.monotonic() + seconds
        start = len(output)
        while time.monotonic() < end and not (until and until in output[start:]):
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                output.extend(data)

    try:
        pump(settle)
        for key in keys:
            os.write(fd, key)
            marker = (waits or {}).get(key)
            pump(20.0 if marker else gap, marker)
        alive = os.waitpid(pid, os.WNOHANG) == (0, 0)
        os.write(fd, b"\x11")  # ctrl+q
        pump(1.0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return bytes(output), alive


def escape_findings(output: bytes) -> dict[str, list[bytes]]:
    """Dangerous sequences in ``output`` with a little context."""
    found: dict[str, list[bytes]] = {}
    for name, pattern in DANGEROUS.items():
        hits = [output[max(0, m.start() - 10) : m.end() + 20] for m in pattern.finditer(output)]
        if hits:
            found[name] = hits[:3]
    other_osc = [
        output[m.start() : m.start() + 30]
        for m in re.finditer(rb"\x1b\]", output)
        if not ALLOWED_OSC.match(output, m.start())
    ]
    if other_osc:
        found["unexpected OSC"] = other_osc[:3]
    return found


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Raw payloads (another program wrote them) plus the corpus entered through the store."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    write_raw(path)
    store = open_store(path)
    add_corpus(store)
    store.close()
    return path


def test_scanner_sees_dangerous_bytes() -> None:
    """The checker itself can fail: raw payload bytes are reported."""
    sample = b"\x1b]52;c;x\x07 \x1b[2J \x1b]8;;http://evil/\x1b\\ \x1b]0;t\x07"
    assert set(escape_findings(sample)) >= {
        "clipboard",
        "clear screen",
        "evil link",
        "window title",
        "unexpected OSC",
    }


def test_app_in_pty_emits_no_data_escapes(hostile_db: Path) -> None:
    """List, detail and board over the corpus: only Textual's own sequences reach the tty."""
    keys = [
        b"j",
        b"j",
        b"\r",
        b"j",
        b"q",
        b"G",
        b"b",
        b"j",
        b"l",
        b"l",
        b"j",
        b"\r",
        b"q",
        b"i",
        b"l",
        b"i",
    ]
    output, alive = run_in_pty(hostile_db, keys, waits={b"b": "Move →".encode()})
    assert alive, output[-2000:]
    assert escape_findings(output) == {}
    assert b"[@click=app.quit]x" in output  # markup shown literally, not acted on
    assert "Move →".encode() in output  # the board was drawn too
    assert len(output) > 10_000  # the app really drew screens


def test_cli_output_has_no_escapes(hostile_db: Path) -> None:
    """`leadtui list` (table and JSON) prints the hostile names without escapes."""
    for extra in ([], ["--json"]):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "leadtui",
                "--db",
                str(hostile_db),
                "list",
                "--limit",
                "200",
                *extra,
            ],
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert escape_findings(result.stdout) == {}
        assert b"\x1b" not in result.stdout


# Store reads that return no stored text (counts).
NO_TEXT_READS = {"count_list", "kept_counts", "agenda_count"}


def test_every_store_read_is_sanitized() -> None:
    """Each method of the store's read side passes its result through sanitize() (so a read
    added later cannot leak stored escapes to the screen)."""
    import inspect

    from leadtui.store.reads import ReadsService

    unguarded = []
    for name, method in inspect.getmembers(ReadsService, inspect.isfunction):
        source = inspect.getsource(method)
        if not name.startswith("_") and "sanitize(" not in source and name not in NO_TEXT_READS:
            unguarded.append(name)
    assert unguarded == []
