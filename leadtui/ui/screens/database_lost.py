"""When the database is lost mid-session (its -wal deleted, a disk I/O error).

The store has already stopped writing (:class:`~leadtui.domain.errors.DatabaseLost`).
The app stops too: its connections are closed, the problem screen says what
happened and offers the newest good backup, and the app ends with status 1 so a
script or a shell sees that the session did not end well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, cast

from textual.app import App

from leadtui.domain.errors import DatabaseLost, LeadtuiError
from leadtui.i18n import _

EXIT_LOST = 1


class _Store(Protocol):
    path: Path | str

    def close(self) -> None: ...


class _HasStore(Protocol):
    store: _Store


def show_database_lost(app: App[Any], error: DatabaseLost) -> None:
    """Replace the session with the problem screen; exit with :data:`EXIT_LOST` after."""
    from leadtui.store.files import latest_backup
    from leadtui.ui.screens.database_problem import DatabaseProblemScreen

    store = cast(_HasStore, app).store
    path = store.path
    store.close()  # no connection may write (or hold the file) any more
    if isinstance(path, str):  # PostgreSQL: its backups are the server's
        app.exit(return_code=EXIT_LOST, message=str(error))
        return
    backup = latest_backup(path)
    screen = DatabaseProblemScreen(
        path, str(error), backup, title=_("leadtui stopped writing to this database")
    )
    app.push_screen(screen, lambda _restored: app.exit(return_code=EXIT_LOST))


def lost_error(error: BaseException, store: Any) -> DatabaseLost | None:
    """The :class:`DatabaseLost` behind ``error`` (a failed worker, a raw disk I/O error
    from a read), else ``None``."""
    from leadtui.store.context import readable_error
    from leadtui.ui.connection import error_chain

    for current in error_chain(error):
        friendly: LeadtuiError | None = current if isinstance(current, DatabaseLost) else None
        if friendly is None:
            friendly = readable_error(current, store.backend)
        if isinstance(friendly, DatabaseLost):
            return friendly
    return None
