"""A small undo history shared by every screen of the app (no Textual here)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UndoEntry:
    """One undoable action: what to tell the user, and how to revert it."""

    description: str
    revert: Callable[[], None]
    refresh: Callable[[], None] | None = None
    """Shows the reverted state in place (UI thread), instead of the screen re-reading it."""


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
    ) -> None:
        """Remember an action that ``revert`` undoes (``refresh`` then shows it)."""
        self._entries.append(UndoEntry(description, revert, refresh))

    def pop(self) -> UndoEntry | None:
        """The most recent entry, removed; ``None`` when there is nothing to undo."""
        return self._entries.pop() if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)
