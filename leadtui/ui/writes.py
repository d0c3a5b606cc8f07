"""The one write contract of the app: every store write a screen makes goes through here.

``run_write(screen, action, ...)`` runs ``action`` (a store call) in a thread worker,
so a write waiting on another program's lock (``leadtui import`` in another terminal)
never freezes a key. A busy line shows only when the write takes over
:data:`BUSY_DELAY`; a :class:`LeadtuiError` is reported in one toast (the screen, a
form say, stays as it is, content included); on success the undo step is pushed and
``on_done`` runs on the UI thread.

Writes run one at a time, in the order they were asked for, app-wide (one undo
history orders them too). A write asked for while another runs waits in a queue
rather than being refused: a key pressed twice moves twice, and a test that presses
keys without pausing sees the same result on a slow machine. ``defer`` queues a whole
action, for actions that must read the state the earlier writes leave (the detail's
stage steps). After a failure the queued writes are dropped (they were made on top
of the one that failed) and the toast says how many.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

import msgspec
from textual.widgets import Static

from leadtui.domain.errors import ConnectionLost, DatabaseLost, LeadtuiError
from leadtui.domain.undo import UndoEntry, UndoHistory
from leadtui.i18n import _, ngettext

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer

T = TypeVar("T")

BUSY_DELAY = 0.15
"""Seconds a write may take before the busy line appears."""
BUSY_ID = "write-busy"


class Write(msgspec.Struct, Generic[T]):
    """One queued write and what to do with its outcome (on the UI thread)."""

    screen: Screen[Any]
    action: Callable[[], T]
    on_done: Callable[[T], None] | None
    on_error: Callable[[LeadtuiError], bool | None] | None
    undo: Callable[[T], UndoEntry | None] | None
    title: str


class WriteQueue:
    """The app's writes, one at a time, in order, each off the UI thread."""

    def __init__(
        self,
        app: App[Any],
        history: UndoHistory,
        release: Callable[[], None],
        on_lost: Callable[[DatabaseLost], None] | None = None,
    ) -> None:
        self.app = app
        self.on_lost = on_lost
        """Called instead of a toast when the database was lost (its -wal deleted)."""
        self.on_unreachable: Callable[[ConnectionLost], None] | None = None
        """Called (besides the toast) when the server could not be reached."""
        self.history = history
        self.release = release
        self._pending: deque[Callable[[], None]] = deque()
        self._running: Write[Any] | None = None
        self._starting = False
        self._busy_timer: Timer | None = None

    @property
    def busy(self) -> bool:
        """True while a write runs or waits."""
        return self._running is not None or bool(self._pending)

    def run(self, write: Write[Any]) -> None:
        """Start ``write`` now if nothing else is queued, else after the earlier ones."""
        if self._running is None and (self._starting or not self._pending):
            self._begin(write)
        else:
            self._pending.append(lambda: self._begin(write))

    def defer(self, start: Callable[[], None]) -> None:
        """Call ``start`` (on the UI thread) once every earlier write is done."""
        self._pending.append(start)
        self._next()

    # -- running ----------------------------------------------------------------------

    def _next(self) -> None:
        while self._running is None and self._pending and not self._starting:
            start = self._pending.popleft()
            self._starting = True
            try:
                start()
            finally:
                self._starting = False

    def _begin(self, write: Write[Any]) -> None:
        self._running = write
        self._busy_timer = self.app.set_timer(BUSY_DELAY, self._show_busy)
        self.app.run_worker(lambda: self._work(write), name="write", group="write", thread=True)

    def _work(self, write: Write[Any]) -> None:
        # Runs in the worker thread; anything but a LeadtuiError is a bug and ends the app.
        try:
            result = write.action()
        except LeadtuiError as error:
            self.app.call_from_thread(self._failed, write, error)
        else:
            self.app.call_from_thread(self._succeeded, write, result)
        finally:
            self.release()

    def _finish(self) -> None:
        self._running = None
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        for screen in self.app.screen_stack:
            for shown in screen.query(f"#{BUSY_ID}"):
                shown.remove()

    def _succeeded(self, write: Write[Any], result: object) -> None:
        self._finish()
        try:
            entry = write.undo(result) if write.undo is not None else None
            if entry is not None:
                self.history.push(entry.description, entry.revert, entry.refresh, entry.lead_ids)
            if write.on_done is not None:
                write.on_done(result)
        finally:
            self._next()

    def _failed(self, write: Write[Any], error: LeadtuiError) -> None:
        self._finish()
        dropped = len(self._pending)
        self._pending.clear()
        if isinstance(error, DatabaseLost) and self.on_lost is not None:
            self.on_lost(error)  # the app's problem screen, instead of a toast
            return
        unreachable = isinstance(error, ConnectionLost)
        if isinstance(error, ConnectionLost) and self.on_unreachable is not None:
            self.on_unreachable(error)  # the banner; the toast below says nothing was saved
        try:
            handled = write.on_error(error) if write.on_error is not None else False
            if not handled or dropped:
                message = "" if handled else str(error)
                if unreachable and not handled:
                    message += " " + _("Try again once the connection is back.")
                if dropped:
                    message += (" " if message else "") + ngettext(
                        "The {n} change asked for after it was not made either.",
                        "The {n} changes asked for after it were not made either.",
                        dropped,
                    ).format(n=dropped)
                write.screen.notify(message, title=write.title, severity="error", markup=False)
        finally:
            self._next()

    def _show_busy(self) -> None:
        self._busy_timer = None
        if self._running is None or self.app.screen.query(f"#{BUSY_ID}"):
            return
        self.app.screen.mount(
            Static(_("Saving… (waiting for the database)"), id=BUSY_ID, markup=False)
        )


class HasWrites(Protocol):
    """What :func:`run_write` needs of the app."""

    writes: WriteQueue


def writes_of(screen: Screen[Any]) -> WriteQueue:
    """The running app's write queue."""
    return cast(HasWrites, screen.app).writes


def run_write(
    screen: Screen[Any],
    action: Callable[[], T],
    *,
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[LeadtuiError], bool | None] | None = None,
    undo: Callable[[T], UndoEntry | None] | None = None,
    title: str = "",
) -> None:
    """Run the store call ``action`` off the UI thread, after any write already asked for.

    On success: ``undo(result)`` (if given) is pushed on the app's undo history, then
    ``on_done(result)`` runs. On a :class:`LeadtuiError`: ``on_error(error)`` runs; unless
    it returns True (it showed the error itself, in a form's field say) one error toast
    (``title``, never markup) says what went wrong. Nothing closes or clears: a form keeps
    its content. Both callbacks run on the UI thread.
    """
    writes_of(screen).run(Write(screen, action, on_done, on_error, undo, title))
