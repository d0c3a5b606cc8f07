"""The one undo of the app: ``u`` on the list, the detail and the board all call :func:`undo_last`.

The history (:class:`~leadtui.domain.undo.UndoHistory`) is app-wide, so ``u`` takes back
the last write wherever it was made. The revert is a write like any other: it runs
through :func:`~leadtui.ui.writes.run_write`, after the writes already asked for (so
``u`` right after a move undoes that move, even while it still waits for the lock).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, cast

from textual.screen import Screen

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.undo import UndoEntry, UndoHistory
from leadtui.i18n import _
from leadtui.ui.writes import run_write, writes_of


class HasHistory(Protocol):
    """What undo needs of the app."""

    undo_history: UndoHistory


def undo_last(
    screen: Screen[Any],
    *,
    after: Callable[[UndoEntry, bool], None] | None = None,
    title: str = "",
    lead_id: int | None = None,
    lead_name: str = "",
) -> None:
    """Revert the most recent write of the app, then tell the user in one toast.

    With ``lead_id`` (the detail of lead ``lead_name``) only that lead's most recent
    step is taken back, never a change made to another lead.

    ``after(entry, ok)`` runs on the UI thread once the revert succeeded (``ok``) or
    failed, so the screen can re-read what changed; an entry with a ``refresh`` has
    already shown its reverted state. Nothing to undo is a toast, not an error.
    """
    history = cast(HasHistory, screen.app).undo_history

    def start() -> None:
        entry = history.pop() if lead_id is None else history.pop_for(lead_id)
        if entry is None:
            nothing = (
                _("Nothing to undo.")
                if lead_id is None
                else _("Nothing to undo for {name}.").format(name=lead_name)
            )
            screen.notify(nothing, markup=False)
            return

        def done(_result: None) -> None:
            if entry.refresh is not None:
                entry.refresh()
            screen.notify(_("Undone: {what}.").format(what=entry.description), markup=False)
            if after is not None:
                after(entry, True)

        def failed(_error: LeadtuiError) -> bool:
            if after is not None:
                after(entry, False)
            return False  # the toast says why

        run_write(screen, entry.revert, on_done=done, on_error=failed, title=title)

    # Popped when its turn comes: an undo asked for while a move still runs takes back that move.
    writes_of(screen).defer(start)
