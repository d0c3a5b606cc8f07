"""Team mode on PostgreSQL: the database role, and changes signalled by ``LISTEN/NOTIFY``.

Statement-level triggers (:data:`NOTIFY_DDL`) on the tables every screen shows call
``pg_notify`` with a constant payload; PostgreSQL delivers it after the writer's commit
only, and folds identical notifications of one transaction into one, so a 100k-row
import signals once. The listener waits on a connection of its own, in ``select`` on its
socket and a wake-up pipe, so an idle app does not wake at all (psycopg's own
``notifies(timeout=…)`` wakes ten times a second: 0.5 % CPU while nothing happens).
"""

from __future__ import annotations

import select
import threading
from collections.abc import Callable, Iterator
from typing import Any

import psycopg

from leadtui.storage.listening import ListenerThread, Wakeup
from leadtui.storage.postgres.notify_ddl import CHANNEL

IDLE_WAIT = 60.0
"""Seconds one wait may last with nothing on the socket (stopping wakes it at once)."""

Conn = psycopg.Connection[tuple[Any, ...]]


class PostgresTeam:
    """The PostgreSQL half of :class:`~leadtui.storage.team_base.TeamSide`."""

    def __init__(self, url: str, reader: Callable[[], Conn]) -> None:
        self._url = url
        self._reader = reader
        self._user: str | None = None

    def database_user(self) -> str | None:
        """``current_user`` of this database connection (read once)."""
        if self._user is None:
            row = self._reader().execute("SELECT current_user").fetchone()
            self._user = str(row[0]) if row else None
        return self._user

    def owners(self, limit: int) -> list[str]:
        """The distinct owners of live leads, in order (an index skip scan)."""
        from leadtui.storage.team_sql import owners_sql

        rows = self._reader().execute(owners_sql("%s"), (limit,))
        return [str(name) for (name,) in rows]

    def ping(self) -> None:
        """``SELECT 1`` on this thread's reader (one that broke while idle is replaced)."""
        conn = self._reader()
        try:
            conn.execute("SELECT 1").fetchone()
        except psycopg.OperationalError:
            if not conn.broken:
                raise
            self._reader().execute("SELECT 1").fetchone()  # _reader replaces a broken one

    def listen(
        self, on_change: Callable[[], None], on_lost: Callable[[], None] | None = None
    ) -> ListenerThread:
        """``LISTEN`` on a connection of its own; ``on_change`` after each colleague's commit."""
        from leadtui.storage.postgres.db import connect

        state: dict[str, Any] = {"conn": None}
        wakeup = Wakeup()

        def close() -> None:
            conn = state["conn"]
            state["conn"] = None
            if conn is not None:
                conn.close()

        def step(stopped: threading.Event) -> None:
            conn: Conn | None = state["conn"]
            if conn is None or conn.closed:
                conn = state["conn"] = connect(self._url)
                conn.execute(f"LISTEN {CHANNEL}")
                # Listening (again): what was committed before LISTEN sent no notice here,
                # and the screens read before it (at start: just before) or before the drop.
                on_change()
            ready, _, _ = select.select([conn.fileno(), wakeup.fileno()], [], [], IDLE_WAIT)
            if stopped.is_set() or conn.fileno() not in ready:
                return
            # Readable: notifications, or the server closing (notifies then raises).
            notices: Iterator[Any] = conn.notifies(timeout=0)
            if any(True for _notice in notices):
                on_change()

        return ListenerThread(step, close, on_lost=on_lost, wakeup=wakeup)
