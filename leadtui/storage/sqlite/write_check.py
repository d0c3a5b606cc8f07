"""Refuse a write batch when the file was made read-only or removed during a session.

SQLite keeps the file descriptor it opened read-write, so a ``chmod 444`` made
while leadtui runs would not stop its writes, and a deleted file would take the
writes with it. One ``stat`` before each write batch (measured: about 2 µs, against
0.3-1.4 ms for the smallest commit) catches both; the write bits are looked at
rather than ``access()``, which says yes to root whatever the mode.
"""

from __future__ import annotations

import os
from pathlib import Path

from leadtui.domain.errors import DatabaseLost, ReadOnlyError, StorageError
from leadtui.i18n import _


def refuse_unwritable(path: Path) -> None:
    """Raise before a write batch if ``path`` is gone or has no write permission bit."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError as error:
        raise StorageError(
            _(
                "{path} was moved or deleted while open: nothing was saved. Quit, then "
                "restore the newest backup (`leadtui restore`)."
            ).format(path=path)
        ) from error
    if not mode & 0o222:
        raise ReadOnlyError(
            _("{path} was made read-only while open: nothing was saved.").format(path=path)
        )


def check_wal_kept(path: Path) -> None:
    """Raise :class:`DatabaseLost` if the -wal beside ``path`` is gone after a commit.

    Called while the committing connection is still open: SQLite removes the -wal
    only when the last connection closes, so a missing one was deleted by someone
    else, and the commits it held are lost when the connections close. One ``stat``.
    """
    wal = path.with_name(path.name + "-wal")
    if not wal.exists():
        raise DatabaseLost(
            _(
                "{wal} was deleted while leadtui was running: the changes it held are lost "
                "and nothing more is written to {path}. Quit and restore the newest backup "
                "(`leadtui restore`)."
            ).format(wal=wal.name, path=path)
        )
