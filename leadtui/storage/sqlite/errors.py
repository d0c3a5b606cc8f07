"""Turn SQLite's low-level write failures into clear :class:`LeadtuiError` messages.

A full disk, an I/O error, a read-only file or a lock held too long surface from
SQLite (directly or wrapped by SQLAlchemy) as ``OperationalError``; the store
rolls the transaction back and raises one of these instead, so the CLI prints one
line and the app shows a notification while the form keeps what was typed.
"""

from __future__ import annotations

import sqlite3

from leadtui.domain.errors import DatabaseLost, LeadtuiError, ReadOnlyError, StorageError
from leadtui.i18n import _

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26
SQLITE_IOERR_SHORT_READ = 522


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    if isinstance(error, sqlite3.Error):
        return error
    original = getattr(error, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver error
    return original if isinstance(original, sqlite3.Error) else None


def storage_error(error: BaseException) -> LeadtuiError | None:
    """The user-facing error for a failed write, or ``None`` if it is not a storage problem."""
    found = _sqlite_error(error)
    if found is None:
        return None
    extended = getattr(found, "sqlite_errorcode", 0) or 0
    code = extended & 0xFF
    if extended == SQLITE_IOERR_SHORT_READ:
        # The -wal index (-shm) names frames the -wal no longer has: it was deleted.
        return DatabaseLost(
            _(
                "The database's journal (its -wal file) was deleted or cut short while "
                "leadtui was running: the changes it held are lost and nothing more is "
                "written. Quit and restore the newest backup (`leadtui restore`)."
            )
        )
    text = str(found).lower()
    if code == SQLITE_FULL or "disk is full" in text:
        return StorageError(
            _(
                "The disk is full: nothing was saved (the change was rolled "
                "back). Free some space and try again."
            )
        )
    if code == SQLITE_READONLY or "readonly database" in text:
        return ReadOnlyError(_("The database is read-only: nothing was saved."))
    if code == SQLITE_IOERR or "disk i/o error" in text:
        return DatabaseLost(
            _(
                "The disk reported an error: nothing was saved (the change was rolled "
                "back). leadtui stops writing to this file; quit and restore the newest "
                "backup (`leadtui restore`)."
            )
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text:
        return StorageError(
            _(
                "The database file is damaged ({reason}): nothing was saved. Run "
                "`leadtui check`, then restore the newest good backup (`leadtui restore`)."
            ).format(reason=found)
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
        return StorageError(
            _("The database is busy in another program: nothing was saved. Try again in a moment.")
        )
    return None


def driver_error(error: BaseException) -> LeadtuiError | None:
    """Like :func:`storage_error`, but any other driver or ORM failure becomes a
    :class:`StorageError` that names SQLite's reason (a constraint, a damaged file)."""
    friendly = storage_error(error)
    if friendly is not None:
        return friendly
    found = _sqlite_error(error)
    if found is None:
        from leadtui.storage.orm_errors import orm_error

        return orm_error(error)
    return StorageError(
        _("The database refused the change ({reason}): nothing was saved.").format(reason=found)
    )
