"""Readable errors for ORM failures that carry no driver error (dialect-neutral)."""

from __future__ import annotations

import sys

from leadtui.domain.errors import LeadtuiError, StorageError
from leadtui.i18n import _


def orm_error(error: BaseException) -> LeadtuiError | None:
    """A :class:`StorageError` for a SQLAlchemy failure, or ``None`` for anything else.

    Looked up in ``sys.modules`` only: if SQLAlchemy was never imported, the error
    cannot be one of its own (and the fast path stays without it).
    """
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is None or not isinstance(error, exc.SQLAlchemyError):
        return None
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    return StorageError(
        _("The database refused the change ({reason}): nothing was saved.").format(reason=reason)
    )
