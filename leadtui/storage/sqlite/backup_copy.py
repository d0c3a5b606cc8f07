"""One backup copy of the database (``VACUUM INTO``), and how many of each kind to keep.

Listing and restoring backups is :mod:`leadtui.storage.sqlite.backup`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from leadtui.paths import backup_dir, ensure_private_dir
from leadtui.storage.backup_keep import DEFAULT_KEEP, KEEP_ENV, backups_to_keep
from leadtui.storage.sqlite.connect import connect_sqlite

__all__ = ["DEFAULT_KEEP", "KEEP_ENV", "backup_database", "backups_to_keep"]


def backup_database(path: Path, *, reason: str, keep: int | None = None) -> Path:
    """Copy the database with ``VACUUM INTO`` into the backup folder; return the copy's path.

    ``keep`` prunes the oldest backups of the same ``reason`` beyond that number. A file
    failing ``quick_check`` is refused (and marked) before anything is copied or pruned.
    """
    from datetime import UTC, datetime

    from leadtui.storage.sqlite.integrity import require_intact

    require_intact(path)  # a damaged copy must never push a good backup out
    folder = ensure_private_dir(backup_dir(path))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{reason}-{stamp}.db"
    # Written under a temporary name and renamed: a crash never leaves half a backup.
    partial = folder / f".{target.name}.partial"
    partial.unlink(missing_ok=True)
    conn = connect_sqlite(path, read_only=True)
    try:
        conn.execute("PRAGMA query_only=OFF")  # VACUUM INTO writes only the new file
        old_umask = os.umask(0o077)
        try:
            conn.execute("VACUUM INTO ?", (str(partial),))
        finally:
            os.umask(old_umask)
    except sqlite3.Error:
        partial.unlink(missing_ok=True)
        raise
    finally:
        conn.close()
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    if keep is not None:
        backups = sorted(folder.glob(f"{path.stem}-{reason}-*.db"))
        for old in backups[:-keep] if keep > 0 else backups:
            old.unlink(missing_ok=True)
    return target
