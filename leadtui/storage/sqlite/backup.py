"""Rolling backups of the database: taking, listing, pruning and restoring them.

Backups are ``VACUUM INTO`` copies (see
:func:`leadtui.storage.sqlite.backup_copy.backup_database`) in the ``backups/`` folder
beside the database, named ``<stem>-<reason>-<UTC stamp>.db``.
One is taken before any migration, once a day when the app starts, and on
``leadtui backup``; each kind keeps the newest ``LEADTUI_BACKUPS`` (default 7).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from leadtui.i18n import _
from leadtui.paths import backup_dir, ensure_private_dir
from leadtui.storage.backup_files import find_backups
from leadtui.storage.base import BackupInfo, RestoreResult
from leadtui.storage.sqlite.backup_copy import backup_database, backups_to_keep
from leadtui.storage.sqlite.connect import connect_sqlite
from leadtui.storage.sqlite.db import has_our_header, inspect_file
from leadtui.storage.sqlite.integrity import mark_path, quick_check

__all__ = [
    "BackupInfo",
    "RestoreResult",
    "daily_backup",
    "latest_backup",
    "list_backups",
    "make_backup",
    "restore_backup",
]

_REASONS = r"daily|manual|pre-restore|pre-migration-v\d+"


def list_backups(db_path: Path, *, damaged_too: bool = False) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first: files named like one that are leadtui
    databases (an export given such a name is not), or with ``damaged_too`` every file
    named like one (erasing a person must not skip a backup whose header is damaged)."""
    return find_backups(
        backup_dir(db_path),
        db_path.stem,
        ".db",
        reasons=_REASONS,
        # an export (or anything) given a backup-like name is not a backup
        accept=lambda path: damaged_too or has_our_header(path),
    )


def latest_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` that is a usable leadtui database passing
    ``quick_check``, if any."""
    from leadtui.domain.errors import DatabaseRefused

    for info in list_backups(db_path):
        try:
            inspect_file(info.path)
        except DatabaseRefused:
            continue
        if quick_check(info.path) is None:
            return info
    return None


def make_backup(db_path: Path, reason: str = "manual") -> Path:
    """Back up ``db_path`` now (it must be a usable leadtui database); prune old ones."""
    inspect_file(db_path)
    return backup_database(db_path, reason=reason, keep=backups_to_keep())


def daily_backup_due(db_path: Path, now: datetime) -> bool:
    """True when ``db_path`` exists and has no daily backup from ``now``'s UTC day."""
    if not db_path.exists():
        return False
    today = now.astimezone(UTC).date()
    return not any(
        info.reason == "daily" and info.taken_at.date() == today for info in list_backups(db_path)
    )


def daily_backup(db_path: Path, now: datetime | None = None) -> Path | None:
    """Take today's daily backup unless one exists; ``None`` if nothing was done.

    This is the daily integrity check too (the copy runs ``quick_check`` first).
    Failures (full disk, read-only folder, a damaged file) are not fatal: starting the app matters
    more than the daily copy, and the next start tries again.
    """
    from leadtui.domain.errors import DatabaseRefused

    now = now or datetime.now(UTC)
    if not daily_backup_due(db_path, now):
        return None
    try:
        return make_backup(db_path, reason="daily")
    except (OSError, sqlite3.Error, DatabaseRefused):
        return None  # a damaged file is marked by the check; the next open says so


def start_daily_backup(db_path: Path) -> threading.Thread:
    """Run :func:`daily_backup` in a background thread (join it before exiting)."""
    thread = threading.Thread(target=daily_backup, args=(db_path,), name="leadtui-daily-backup")
    thread.start()
    return thread


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` (0600), flushed to disk."""
    fd = os.open(target, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with source.open("rb") as reader:
            while chunk := reader.read(1 << 20):
                os.write(fd, chunk)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(target, 0o600)


def _check_backup(backup: Path) -> None:
    from leadtui.domain.errors import DatabaseRefused

    inspect_file(backup)
    verdict = quick_check(backup)
    if verdict is not None:
        raise DatabaseRefused(
            _("The backup {path} is damaged ({reason}); nothing was changed.").format(
                path=backup, reason=verdict
            )
        )


def _set_aside(db_path: Path) -> Path | None:
    """Keep the file being replaced: a healthy one as a backup, a damaged one byte for byte."""
    from leadtui.domain.errors import DatabaseRefused, LeadtuiError

    if not db_path.exists():
        return None
    try:
        inspect_file(db_path)
    except DatabaseRefused:
        folder = ensure_private_dir(backup_dir(db_path))
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = folder / f"{db_path.stem}-damaged-{stamp}.db"
        for suffix in ("", "-wal", "-shm"):
            source = db_path.with_name(db_path.name + suffix)
            if source.exists():
                os.replace(source, kept.with_name(kept.name + suffix))
        return kept
    conn = connect_sqlite(db_path)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        conn.close()
    if busy:
        raise LeadtuiError(
            _("{path} is in use by another leadtui; close it and try again.").format(path=db_path)
        )
    return backup_database(db_path, reason="pre-restore", keep=backups_to_keep())


def restore_backup(db_path: Path, backup: Path) -> RestoreResult:
    """Replace ``db_path`` with a copy of ``backup``; the replaced file is kept in backups/.

    The backup is checked first (ours, readable, ``quick_check`` ok); the copy is
    written beside the database and renamed over it, so a crash leaves either the
    old file or the new one.
    """
    _check_backup(backup)
    ensure_private_dir(db_path.parent)
    partial = db_path.with_name(f".{db_path.name}.restoring")
    _copy_private(backup, partial)
    try:
        previous = _set_aside(db_path)
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(partial, db_path)
        mark_path(db_path).unlink(missing_ok=True)  # the damaged file was set aside
    finally:
        partial.unlink(missing_ok=True)
    _fsync_dir(db_path.parent)
    return RestoreResult(backup, previous)
