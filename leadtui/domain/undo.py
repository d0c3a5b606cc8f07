"""A small undo history shared by every screen of the app (no Textual here)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

import msgspec


class UndoEntry(msgspec.Struct, frozen=True):
    """One undoable action: what to tell the user, and how to revert it."""

    description: str
    revert: Callable[[], None]
    refresh: Callable[[], None] | None = None
    """Shows the reverted state in place (UI thread), instead of the screen re-reading it."""
    lead_ids: frozenset[int] = msgspec.field(default_factory=frozenset)
    """The leads the action changed: the detail undoes only its own lead's steps."""


def discard_result(action: Callable[[], object]) -> Callable[[], None]:
    """Wrap a store call so it fits an undo entry (its return value is dropped)."""

    def run() -> None:
        action()

    return run


class UndoHistory:
    """Last-in, first-out undo entries, at most ``limit`` kept."""

    def __init__(self, limit: int = 100) -> None:
        self._entries: deque[UndoEntry] = deque(maxlen=limit)

    def push(
        self,
        description: str,
        revert: Callable[[], None],
        refresh: Callable[[], None] | None = None,
        lead_ids: Iterable[int] = (),
    ) -> None:
        """Remember an action on ``lead_ids`` that ``revert`` undoes (``refresh`` shows it)."""
        self._entries.append(UndoEntry(description, revert, refresh, frozenset(lead_ids)))

    def pop(self) -> UndoEntry | None:
        """The most recent entry, removed; ``None`` when there is nothing to undo."""
        return self._entries.pop() if self._entries else None

    def pop_for(self, lead_id: int) -> UndoEntry | None:
        """The most recent entry that changed lead ``lead_id``, removed (``None``: none)."""
        for index in range(len(self._entries) - 1, -1, -1):
            entry = self._entries[index]
            if lead_id in entry.lead_ids:
                del self._entries[index]
                return entry
        return None

    def __len__(self) -> int:
        return len(self._entries)
