"""Odd paths (#20 items 1 and 6): devices, FIFOs, sockets, dangling links and files
where folders should be are refused in one sentence; nothing is replaced or hangs."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from leadtui.cli import main


def run(db: Path | str, *args: str) -> Result:
    """The CLI in-process on ``db``."""
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def one_line_error(result: Result, *fragments: str) -> str:
    """The single ``Error:`` line of a failed run (exit 1, no traceback)."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and "Errno" not in lines[0]
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with one lead."""
    path = tmp_path / "leads.db"
    assert run(path, "add", "--email", "ana@example.com").exit_code == 0
    return path


@pytest.fixture
def odd_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A FIFO, a device node (as root) and a Unix socket, made in the temporary folder."""
    made = {"fifo": tmp_path / "pipe"}
    os.mkfifo(made["fifo"])
    if os.geteuid() == 0:
        made["device"] = tmp_path / "null"
        os.mknod(made["device"], 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    sock = socket.socket(socket.AF_UNIX)
    made["socket"] = tmp_path / "s"
    sock.bind(str(made["socket"]))
    try:
        yield made
    finally:
        sock.close()


def _fingerprint(path: Path) -> tuple[int, int, int]:
    info = os.lstat(path)
    return info.st_mode, info.st_ino, info.st_rdev


class TestExportTarget:
    """``export --force`` replaces only regular files; ``-`` is standard output."""

    def test_a_fifo_device_socket_or_folder_is_refused_and_kept(
        self, db: Path, odd_files: dict[str, Path], tmp_path: Path
    ) -> None:
        for kind, path in odd_files.items():
            before = _fingerprint(path)
            result = run(db, "export", "--force", str(path))
            one_line_error(result, str(path), "regular file")
            assert _fingerprint(path) == before, kind
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_a_regular_file_is_still_replaced_with_force(self, db: Path, tmp_path: Path) -> None:
        target = tmp_path / "out.csv"
        target.write_text("old")
        assert run(db, "export", "--force", str(target)).exit_code == 0
        assert "ana@example.com" in target.read_text(encoding="utf-8-sig")

    @pytest.mark.parametrize("name", ["-", "/dev/stdout"])
    def test_dash_and_dev_stdout_write_to_standard_output(self, db: Path, name: str) -> None:
        result = run(db, "export", "--format", "json", name)
        assert result.exit_code == 0, result.output
        assert '"ana@example.com"' in result.stdout


class TestOddDatabasePaths:
    """``--db`` / ``LEADTUI_DB`` at something odd: a sentence, never a hang or ``[Errno]``."""

    def test_a_fifo_never_blocks_the_command(self, odd_files: dict[str, Path]) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "leadtui", "--db", str(odd_files["fifo"]), "list"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [
            f"Error: {odd_files['fifo']} is a named pipe (FIFO), not a database file; "
            "nothing was read or changed."
        ]

    def test_a_fifo_device_or_socket_is_not_opened(self, odd_files: dict[str, Path]) -> None:
        for path in odd_files.values():
            before = _fingerprint(path)
            for args in (("list",), ("add", "--email", "x@example.com"), ("backup",)):
                one_line_error(run(path, *args), str(path), "not a database file")
            assert _fingerprint(path) == before

    def test_the_environment_variable_is_checked_too(
        self, odd_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("LEADTUI_DB", str(odd_files["fifo"]))
        result = CliRunner().invoke(main, ["list"], catch_exceptions=False)
        one_line_error(result, "named pipe")

    def test_a_dangling_link(self, tmp_path: Path) -> None:
        link = tmp_path / "leads.db"
        link.symlink_to(tmp_path / "gone" / "leads.db")
        one_line_error(run(link, "add", "--email", "x@example.com"), "does not exist")
        assert link.is_symlink() and not (tmp_path / "gone").exists()

    def test_a_data_folder_that_is_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "data").write_text("not a folder")
        for db in (tmp_path / "data" / "leads.db", tmp_path / "data" / "sub" / "leads.db"):
            one_line_error(run(db, "add", "--email", "x@example.com"), "is a file")
        assert (tmp_path / "data").read_text() == "not a folder"

    def test_a_loop_of_links(self, tmp_path: Path) -> None:
        loop = tmp_path / "loop.db"
        loop.symlink_to(loop)
        one_line_error(run(loop, "list"), "loop")
