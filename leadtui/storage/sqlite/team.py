"""Team mode on SQLite: no database users, and a cheap ``PRAGMA data_version`` poll.

``data_version`` changes when another connection (another process, or another store in
this one) commits to the file; this connection's own commits do not change it. Polling it
every :data:`POLL_SECONDS` on a connection of its own costs a few microseconds.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from leadtui.storage.listening import ListenerThread

POLL_SECONDS = 0.3


class SqliteTeam:
    """The SQLite half of :class:`~leadtui.storage.team_base.TeamSide`."""

    def __init__(self, path: Path, reader: Callable[[], sqlite3.Connection]) -> None:
        self._path = path
        self._reader = reader

    def database_user(self) -> str | None:
        """SQLite has no users: ``None`` (the OS login name is used)."""
        return None

    def owners(self, limit: int) -> list[str]:
        """The distinct owners of live leads, in order (an index skip scan)."""
        from leadtui.storage.team_sql import owners_sql

        return [str(name) for (name,) in self._reader().execute(owners_sql("?"), (limit,))]

    def ping(self) -> None:
        """One trivial read (a file is always there while it is open)."""
        self._reader().execute("SELECT 1").fetchone()

    def listen(
        self, on_change: Callable[[], None], on_lost: Callable[[], None] | None = None
    ) -> ListenerThread:
        """Poll ``data_version`` and call ``on_change`` when another connection committed."""
        from leadtui.storage.sqlite.connect import connect_sqlite

        state: dict[str, sqlite3.Connection | int | None] = {"conn": None, "seen": None}

        def close() -> None:
            conn = state["conn"]
            if isinstance(conn, sqlite3.Connection):
                conn.close()
            state["conn"] = None

        def step(stopped: threading.Event) -> None:
            conn = state["conn"]
            if not isinstance(conn, sqlite3.Connection):
                conn = state["conn"] = connect_sqlite(self._path, read_only=True)
            row = conn.execute("PRAGMA data_version").fetchone()
            version = int(row[0])
            # The first poll: what was committed before it (after the screens read, just
            # before the listener started) changed no version this connection has seen.
            if state["seen"] is None or version != state["seen"]:
                on_change()
            state["seen"] = version
            stopped.wait(POLL_SECONDS)

        return ListenerThread(step, close, on_lost=on_lost)
