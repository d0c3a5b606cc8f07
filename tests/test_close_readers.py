"""Closing the store never closes a read connection another thread is using.

The database-lost screen closes the store on the UI thread while a worker may still
be counting on its own read connection; closing that connection under the running
query crashed the process (a segfault in sqlite3, seen in the suite). The worker's
connection is left to the worker; the closing thread's own connections are closed.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from leadtui.launch import open_store
from leadtui.storage.sqlite.backend import SqliteBackend


def test_close_leaves_a_live_workers_reader_open_and_closes_its_own(tmp_path: Path) -> None:
    store = open_store(tmp_path / "close.db")
    backend = store.backend
    assert isinstance(backend, SqliteBackend)
    mine = backend.reader()
    opened, closed, done = threading.Event(), threading.Event(), threading.Event()
    seen: list[object] = []

    def worker() -> None:
        conn = backend.reader()
        opened.set()
        closed.wait(10)
        try:
            seen.append(conn.execute("SELECT count(*) FROM lead").fetchone())
        except sqlite3.ProgrammingError as error:  # a closed connection
            seen.append(error)
        backend.release_reader()
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    assert opened.wait(10)
    store.close()
    closed.set()
    assert done.wait(10)
    thread.join()
    assert seen == [(0,)]  # the worker's query ran on its still-open connection
    with pytest.raises(sqlite3.ProgrammingError):
        mine.execute("SELECT 1")  # the closing thread's own reader is closed
