"""Turn psycopg's failures into clear :class:`LeadtuiError` messages (PostgreSQL's own codes)."""

from __future__ import annotations

import psycopg
from psycopg import errors as pg

from leadtui.domain.errors import ConnectionLost, LeadtuiError, ReadOnlyError, StorageError
from leadtui.i18n import _

RETRY_LATER = _(
    "Someone else changed the same lead at the same moment: nothing was saved. Try again."
)


def _driver_error(error: BaseException) -> psycopg.Error | None:
    if isinstance(error, psycopg.Error):
        return error
    original = getattr(error, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver error
    return original if isinstance(original, psycopg.Error) else None


def storage_error(error: BaseException) -> LeadtuiError | None:
    """The readable error for a known storage condition, or ``None``."""
    found = _driver_error(error)
    if found is None:
        return None
    if isinstance(found, pg.SerializationFailure | pg.DeadlockDetected | pg.LockNotAvailable):
        return StorageError(RETRY_LATER)
    if isinstance(found, pg.ReadOnlySqlTransaction | pg.InsufficientPrivilege):
        return ReadOnlyError(
            _("The database refused the write ({reason}): nothing was saved.").format(
                reason=_first_line(found)
            )
        )
    if isinstance(found, pg.DiskFull):
        return StorageError(
            _("The database server's disk is full: nothing was saved (the change was rolled back).")
        )
    if isinstance(found, pg.QueryCanceled):
        return StorageError(
            _("The database server cancelled the statement ({reason}): nothing was saved.").format(
                reason=_first_line(found)
            )
        )
    if isinstance(found, psycopg.OperationalError | psycopg.InterfaceError):
        return ConnectionLost(
            _("The connection to the database server failed ({reason}): nothing was saved.").format(
                reason=_first_line(found)
            )
        )
    return None


def driver_error(error: BaseException) -> LeadtuiError | None:
    """Like :func:`storage_error`; any other driver or ORM failure names PostgreSQL's reason."""
    friendly = storage_error(error)
    if friendly is not None:
        return friendly
    found = _driver_error(error)
    if found is None:
        from leadtui.storage.orm_errors import orm_error

        return orm_error(error)
    return StorageError(
        _("The database refused the change ({reason}): nothing was saved.").format(
            reason=_first_line(found)
        )
    )


def _first_line(error: psycopg.Error) -> str:
    diag = error.diag.message_primary if error.diag else None
    return (diag or str(error) or type(error).__name__).splitlines()[0]
