"""One read connection per thread, for either backend, closed without pulling one from
under a thread that may be reading on it.

Closing a connection while another thread runs a query on it crashed the process on
SQLite (the database-lost screen closed the store on the UI thread while a worker was
still counting). :meth:`ThreadReaders.close_all` therefore closes only the calling
thread's connection and those of threads that have ended; a live worker's connection
is forgotten here and closes when the worker lets go of it (its ``release``, or garbage
collection once the worker ends).
"""

from __future__ import annotations

import threading
from typing import Generic, Protocol, TypeVar


class Closable(Protocol):
    """A DB-API connection, as far as this registry needs one."""

    def close(self) -> None:
        """Close the connection."""
        ...


C = TypeVar("C", bound=Closable)


class ThreadReaders(Generic[C]):
    """Every open read connection of one backend and the thread that reads on it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        self._owners: dict[C, threading.Thread] = {}

    def current(self) -> C | None:
        """This thread's read connection, if it opened one."""
        conn: C | None = getattr(self._local, "conn", None)
        return conn

    def add(self, conn: C) -> C:
        """Make ``conn`` this thread's read connection; returns it."""
        self._local.conn = conn
        with self._lock:
            self._owners[conn] = threading.current_thread()
        return conn

    def release(self) -> None:
        """Close this thread's read connection (call at the end of a worker thread)."""
        conn = self.current()
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            self._owners.pop(conn, None)
        conn.close()

    def close_all(self) -> None:
        """Close this thread's connection and those of ended threads; forget the rest."""
        me = threading.current_thread()
        with self._lock:
            for conn, owner in self._owners.items():
                if owner is me or not owner.is_alive():
                    conn.close()
            self._owners.clear()
        self._local = threading.local()
