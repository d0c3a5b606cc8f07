"""What each backend offers team mode: its own notion of the user, and change signals.

Every :class:`~leadtui.storage.base.Backend` has one ``team`` attribute of this shape.
PostgreSQL answers with the database role and ``LISTEN/NOTIFY``; SQLite has no user
(the OS login is used) and signals changes by polling its data version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Listening(Protocol):
    """A running change listener; :meth:`stop` ends it (and closes its connection)."""

    def stop(self) -> None:
        """Stop listening and wait for the listener thread to end."""
        ...

    @property
    def running(self) -> bool:
        """True until the listener thread has ended."""
        ...


class TeamSide(Protocol):
    """The backend's half of team mode."""

    def database_user(self) -> str | None:
        """The user the database knows this connection as (``None``: it has no users)."""
        ...

    def owners(self, limit: int) -> list[str]:
        """The distinct owners of live leads, in order (at most ``limit``)."""
        ...

    def listen(
        self, on_change: Callable[[], None], on_lost: Callable[[], None] | None = None
    ) -> Listening:
        """Call ``on_change`` (from another thread) soon after someone else commits a change,
        and once as soon as it listens (what was committed before that, after the caller
        last read, is not missed); ``on_lost`` when the listener's connection failed (it
        retries by itself, and calls ``on_change`` once it listens again)."""
        ...

    def ping(self) -> None:
        """One trivial read on this thread's connection (reconnecting if it broke); a
        driver error when the database cannot be reached."""
        ...
