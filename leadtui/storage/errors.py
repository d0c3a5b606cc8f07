"""Turn a backend's low-level write failures into clear :class:`LeadtuiError` messages.

The dialect's own module knows its error codes (:mod:`leadtui.storage.sqlite.errors`);
this is the dialect-neutral entry point the CLI uses for an error that escaped.
"""

from __future__ import annotations

from leadtui.domain.errors import LeadtuiError


def storage_error(error: BaseException) -> LeadtuiError | None:
    """The user-facing error for a failed write, or ``None`` if it is not a storage problem."""
    from leadtui.storage.sqlite.errors import storage_error as sqlite_storage_error

    return sqlite_storage_error(error)
