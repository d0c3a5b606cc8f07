"""A real PostgreSQL server for the test session, in a private temporary folder.

``initdb`` refuses to run as root, so as root the server runs as the unprivileged
``postgres`` system account (through ``runuser``), in a folder under ``/var/tmp`` that
account can enter (on some machines ``/tmp`` itself is 0700 root). It listens only on
a Unix socket in that folder (no TCP: the suite stays off the network), with trust
authentication for the account that runs it; it lives only for the session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SEARCH_PATHS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin")


def find_pg_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is absent."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    for pattern in SEARCH_PATHS:
        for folder in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
                return folder
    return None


@dataclass
class PostgresServer:
    """A running test server; :meth:`stop` ends it and removes its folder."""

    bin_dir: Path
    folder: Path
    port: int
    user: str

    @property
    def url(self) -> str:
        """A libpq URL for the server's ``postgres`` database (no password: trust auth)."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        """A libpq URL for ``database`` on this server, through its Unix socket."""
        return f"postgresql://{self.user}@/{database}?host={self.folder}&port={self.port}"

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its data folder."""
        _run_as_owner(
            [
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _owner() -> str | None:
    """The account to run the server as: ``postgres`` when we are root, else ourselves."""
    return "postgres" if os.geteuid() == 0 else None


def _run_as_owner(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    owner = _owner()
    full = ["runuser", "-u", owner, "--", *command] if owner else command
    return subprocess.run(full, capture_output=True, text=True, check=check, timeout=120)


def start_server() -> PostgresServer:
    """initdb a new cluster in a private folder and start it; raise RuntimeError on failure."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl found)")
    base = Path("/var/tmp") if Path("/var/tmp").is_dir() else Path(tempfile.gettempdir())
    folder = Path(tempfile.mkdtemp(prefix="leadtui-pg-", dir=base))
    owner = _owner()
    if owner:
        shutil.chown(folder, user=owner)
    os.chmod(folder, 0o700)
    data = folder / "data"
    user = owner or os.environ.get("USER") or "postgres"
    try:
        _run_as_owner(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                user,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        port = 5432 + os.getpid() % 20000  # names the socket file; no TCP is opened
        options = (
            f"-c listen_addresses='' -c port={port} "
            f"-c unix_socket_directories={folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        _run_as_owner(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
    except subprocess.CalledProcessError as error:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(
            f"could not start PostgreSQL: {error.stderr or error.stdout}{detail}"
        ) from error
    return PostgresServer(bin_dir=bin_dir, folder=folder, port=port, user=user)
