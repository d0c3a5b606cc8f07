"""Live updates: a colleague's change reaches every open list, board, agenda and detail.

The store's listener (``store.team.listen``: PostgreSQL ``LISTEN/NOTIFY``, SQLite a
``data_version`` poll) runs in a thread of its own and posts :class:`ColleagueChanged`
to the app (``post_message`` is thread-safe). The app waits :data:`SETTLE` seconds so a
burst of commits is one refresh, then asks each screen of the current stack that has a
``colleague_changed()`` method to re-read what it shows: the screens keep their cursor
(by lead id), their marks and any form open on top of them, which is never touched.
``LEADTUI_LIVE=0`` turns it off.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from textual.message import Message

from leadtui.ui.screens.base import StoreScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from leadtui.storage.team_base import Listening
    from leadtui.store import LeadStore

SETTLE = 0.1
"""Seconds to gather a burst of changes into one refresh."""
LIVE_ENV = "LEADTUI_LIVE"


class ColleagueChanged(Message):
    """Someone committed a change to the database (posted from the listener thread)."""


def live_enabled() -> bool:
    """False when ``LEADTUI_LIVE=0`` (or ``off``/``no``) turns live updates off."""
    return os.environ.get(LIVE_ENV, "1").strip().lower() not in ("0", "off", "no", "false")


class LiveUpdates:
    """Listens for committed changes and refreshes the open screens (one per app)."""

    def __init__(self, app: App[Any], store: LeadStore) -> None:
        self.app = app
        self.store = store
        self._listening: Listening | None = None
        self._timer: Timer | None = None
        self.refreshes = 0
        """How many times the screens were refreshed (tests wait on it)."""

    def start(self) -> None:
        """Start listening (once), unless turned off."""
        if self._listening is None and live_enabled():
            self._listening = self.store.team.listen(self._signal, self._lost)

    def _signal(self) -> None:
        # Listener thread: only hand the news to the app's message queue.
        self.app.post_message(ColleagueChanged())

    def _lost(self) -> None:
        # Listener thread: its connection failed; the app's connection watch takes over.
        from leadtui.ui.connection import ConnectionDropped

        self.app.post_message(ConnectionDropped())

    def changed(self) -> None:
        """A change arrived (UI thread): refresh soon, once for a burst."""
        if self._timer is None:
            self._timer = self.app.set_timer(SETTLE, self._refresh)

    def refresh_now(self) -> None:
        """Ask every open screen to re-read what it shows (the connection is back)."""
        self._refresh()

    def _refresh(self) -> None:
        self._timer = None
        for screen in list(self.app.screen_stack):
            if not screen.is_attached:
                continue
            if isinstance(screen, StoreScreen) and screen.read_missed:  # built in an outage
                screen.call_later(screen.read_again)
                continue
            refresh = getattr(screen, "colleague_changed", None)
            if callable(refresh):
                refresh()
        self.refreshes += 1

    def stop(self) -> None:
        """Stop listening (the listener's connection is closed)."""
        if self._listening is not None:
            self._listening.stop()
            self._listening = None
