"""The connection to the database server dropped mid-session: say so, retry, lose nothing.

:class:`ConnectionWatch` is told of a lost connection by whoever notices first: the
live listener (its connection fails the moment the server goes away), a write that
failed with :class:`~leadtui.domain.errors.ConnectionLost` (its toast says nothing was
saved), or a read in a worker or a page of the list. It then shows a banner on every
screen of the stack and tries ``store.team.ping()`` in a thread worker, waiting
:data:`BACKOFF` seconds between tries (the last one repeated). Nothing on screen is
touched: an open form keeps its text, so saving again once the banner is gone is the
retry. When the server answers, the banner goes, one toast says so, and every open
screen re-reads what it shows (as for a colleague's change), keeping its cursor.

Only PostgreSQL can lose its connection; SQLite reads a local file and never gets here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.message import Message

from leadtui.domain.errors import ConnectionLost, LeadtuiError
from leadtui.i18n import _
from leadtui.ui.widgets.connection_banner import hide_connection_banner, show_connection_banner

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from leadtui.store import LeadStore

BACKOFF = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
"""Seconds before each try to reconnect; the last value repeats."""


class ConnectionDropped(Message):
    """The live listener's connection failed (posted from its thread)."""


def error_chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, then what it wraps (a failed worker's error) or was raised from, once each."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = getattr(current, "error", None) or current.__cause__ or current.__context__


def connection_error(error: BaseException) -> ConnectionLost | None:
    """The :class:`ConnectionLost` behind ``error`` (a failed worker wraps it), else ``None``."""
    return next((found for found in error_chain(error) if isinstance(found, ConnectionLost)), None)


class ConnectionWatch:
    """Shows the connection banner and reconnects with backoff (one per app)."""

    def __init__(self, app: App[Any], store: LeadStore) -> None:
        self.app = app
        self.store = store
        self.down = False
        """True from a lost connection until the server answers again."""
        self.attempts = 0
        """Failed tries to reconnect since the connection was lost."""
        self.outages = 0
        """How many times the connection was lost (tests wait on it)."""
        self.backoff: tuple[float, ...] = BACKOFF
        """The waits between tries (a test may lengthen them)."""
        self._stopped = threading.Event()
        self._subscribed = False

    def lost(self, _error: LeadtuiError | None = None) -> None:
        """The connection failed (UI thread): show the banner and start reconnecting."""
        if self.down or self._stopped.is_set():
            return
        self.down, self.attempts = True, 0
        self.outages += 1
        if not self._subscribed:
            self._subscribed = True
            self.app.screen_change_signal.subscribe(self.app, self._on_screen)
        for screen in self.app.screen_stack:
            show_connection_banner(screen, self.attempts)
        self.app.run_worker(
            self._reconnect, name="reconnect", group="reconnect", exclusive=True, thread=True
        )

    def _on_screen(self, screen: Screen[Any]) -> None:
        if self.down:
            show_connection_banner(screen, self.attempts)

    def _reconnect(self) -> None:
        # Worker thread: try until the server answers or the app ends.
        try:
            while not self._stopped.wait(self.backoff[min(self.attempts, len(self.backoff) - 1)]):
                try:
                    self.store.team.ping()
                except LeadtuiError:
                    self.app.call_from_thread(self._failed_again)
                else:
                    self.app.call_from_thread(self._back)
                    return
        finally:
            self.store.release_reader()

    def _failed_again(self) -> None:
        self.attempts += 1
        for screen in self.app.screen_stack:
            show_connection_banner(screen, self.attempts)

    def _back(self) -> None:
        self.down = False
        for screen in self.app.screen_stack:
            hide_connection_banner(screen)
        self.app.notify(_("The connection to the database server is back."), markup=False)
        refresh = getattr(getattr(self.app, "live", None), "refresh_now", None)
        if callable(refresh):
            refresh()

    def stop(self) -> None:
        """Stop retrying (the app ends)."""
        self._stopped.set()
