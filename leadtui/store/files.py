"""The database file's own jobs, for a file no store may be open on.

A refused file (the app's problem screen), ``leadtui backup`` and ``leadtui restore``
work on the file itself: a store could not open a damaged file, and a restore
replaces the file under any open store. The UI and the CLI reach these through
here, never through :mod:`leadtui.storage.sqlite` (import-linter's contract).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

    from leadtui.storage.base import BackupInfo, RestoreResult


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at ``db_path``, newest first."""
    from leadtui.storage.sqlite.backup import list_backups as listed

    return listed(db_path)


def latest_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes its check, or None."""
    from leadtui.storage.sqlite.backup import latest_backup as latest

    return latest(db_path)


def make_backup(db_path: Path) -> Path:
    """Back up the database at ``db_path`` now (manual kind); the copy's path."""
    from leadtui.storage.sqlite.backup import make_backup as make

    return make(db_path)


def make_dump(db_path: Path, target: Path) -> Path:
    """Write the file's data as a leadtui dump at ``target`` (restorable on a server)."""
    from leadtui.storage.sqlite.dump_io import write_sqlite_dump

    return write_sqlite_dump(db_path, target)


def backups_to_keep() -> int:
    """How many backups of each kind are kept (``LEADTUI_BACKUPS``)."""
    from leadtui.storage.sqlite.backup_copy import backups_to_keep as keep

    return keep()


def restore_backup(db_path: Path, backup: Path) -> RestoreResult:
    """Replace the database at ``db_path`` with ``backup``, keeping the replaced file;
    ``backup`` may be a leadtui data dump (a PostgreSQL database's backup, say)."""
    from leadtui.storage.sqlite.dump_io import is_dump, restore_dump

    if is_dump(backup):
        return restore_dump(db_path, backup)
    from leadtui.storage.sqlite.backup import restore_backup as restore

    return restore(db_path, backup)


def start_daily_backup(db_path: Path) -> threading.Thread:
    """Take the day's backup in a background thread when one is due."""
    from leadtui.storage.sqlite.backup import start_daily_backup as start

    return start(db_path)


def check_database(db_path: Path) -> str | None:
    """Check the file at ``db_path`` (``quick_check``): ``None`` if sound, else SQLite's
    verdict (the file is then marked, so writes are refused until a restore)."""
    from leadtui.storage.sqlite.db import inspect_file
    from leadtui.storage.sqlite.integrity import check_integrity

    inspect_file(db_path, marked_ok=True)
    return check_integrity(db_path)


def damaged_error(db_path: Path, verdict: str) -> Exception:
    """The one-sentence refusal for a damaged file, with the way out."""
    from leadtui.storage.sqlite.integrity import damaged

    return damaged(db_path, verdict)
