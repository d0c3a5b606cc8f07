"""Shared base for screens that read or write leads.

A read on the UI thread that finds the server gone (:class:`ConnectionLost`) must not end
the screen: Textual stops a widget's message loop after any error from a handler, even one
the app's error funnel shows as a banner, and the screen then answers no key. Handlers
that read are wrapped in :func:`survives_outage`: the lost connection goes to the app's
:class:`ConnectionWatch` (banner, retries) and the screen keeps running (Textual's own
handlers of the same event still run). A screen whose first read failed shows nothing
worth acting on: its own keys are off until the connection is back, and then it is
built and read again (:meth:`StoreScreen.read_again`). Keys' actions are covered by the
app (:meth:`LeadApp.on_event`).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from textual.events import ScreenResume
from textual.screen import Screen

from leadtui.domain.errors import ConnectionLost, LeadtuiError
from leadtui.domain.rows import Clock
from leadtui.domain.undo import UndoHistory
from leadtui.store import LeadStore
from leadtui.ui.writes import WriteQueue

if TYPE_CHECKING:
    from leadtui.ui.start_up import StartUp

ResultType = TypeVar("ResultType")
Handler = TypeVar("Handler", bound=Callable[..., Any])


def survives_outage(*, first_read: bool) -> Callable[[Handler], Handler]:
    """Wrap a :class:`StoreScreen` handler that reads: a lost connection shows the banner
    instead of ending the screen; ``first_read``: the screen waits to be read again."""

    def wrap(method: Handler) -> Handler:
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def run_async(self: StoreScreen[Any], *args: Any, **kwargs: Any) -> Any:
                try:
                    return await method(self, *args, **kwargs)
                except ConnectionLost as error:
                    self.connection_lost(error, first_read=first_read)
                    return None

            return cast(Handler, run_async)

        @functools.wraps(method)
        def run(self: StoreScreen[Any], *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except ConnectionLost as error:
                self.connection_lost(error, first_read=first_read)
                return None

        return cast(Handler, run)

    return wrap


class LeadAppParts(Protocol):
    """What screens use of the running :class:`~leadtui.ui.app.LeadApp`.

    A protocol, so screens need not import the app module (which imports them).
    """

    store: LeadStore
    clock: Clock
    undo_history: UndoHistory
    writes: WriteQueue
    start_up: StartUp


WAYS_OUT = frozenset({"back", "cancel", "quit"})
"""Actions a screen that could not be read still takes: leaving it."""


class StoreScreen(Screen[ResultType], Generic[ResultType]):
    """A screen with typed access to the app's store and clock, that outlives an outage,
    and whose first frame is whole (:meth:`_compositor_refresh`)."""

    read_missed = False
    """True when building or first reading the screen met a lost connection."""
    _render_skipped = False
    _resumed = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Textual 8.2.8 marks a new screen's styles out of date (-1), and the first screen
        # of a mode (the list at start, the board, the agenda) then re-parses the whole
        # stylesheet, with a fresh cache: at start the app's CSS was parsed three times
        # (~10 ms of the ~19 ms spent parsing). A screen made here is styled with the
        # current stylesheet when it is registered, as Textual does for pushed screens.
        with contextlib.suppress(RuntimeError):  # made outside a running app (tests)
            self._css_update_count = self.app._css_update_count

    def connection_lost(self, error: LeadtuiError, *, first_read: bool) -> None:
        """A read found the server gone: the app's banner and retries; with ``first_read``
        the screen waits, its keys off, to be built and read again."""
        if first_read:
            self.read_missed = True
            self.app.call_later(self.refresh_bindings)  # the footer drops the waiting keys
        watch = getattr(self.app, "connection", None)
        if watch is not None:
            # Later, not now: this may run inside compose, before the screen is mounted.
            self.app.call_later(watch.lost, error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the screen could not be read, only its way out works (and the app's keys)."""
        return not self.read_missed or action in WAYS_OUT

    async def read_again(self) -> None:
        """The connection is back: build the screen again and run its first read."""
        self.read_missed = False
        await self.recompose()
        first_read: Any = getattr(self, "on_mount", None)
        if callable(first_read):
            result = first_read()
            if inspect.isawaitable(result):
                await result
        self.refresh_bindings()

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual's own handler re-applies the stylesheet to every node on each resume; on
        # the first one (a mode's first screen, a pushed screen) they were styled moments
        # ago, when registered, with the same stylesheet: 4.1 ms of the list's start.
        # Textual's handler runs here, once, without that pass; later resumes are Textual's.
        first, self._resumed = not self._resumed, True
        current = self._css_update_count == self.app._css_update_count
        if first and event.refresh_styles and current:
            event.prevent_default()  # the handler below instead of Screen's
            super()._on_screen_resume(ScreenResume(refresh_styles=False))

    def _compositor_refresh(self) -> None:
        # While the app holds a batch of updates (its start-up does, from composing the
        # first screen until that screen is mounted), Textual 8.2.8 (pinned) still renders
        # a screen's update when its layout is refreshed, and App._display then drops it
        # unwritten; the regions it consumed are no longer dirty, so the first frame after
        # the batch showed only the header and footer and the list's rows came one refresh
        # period later (~30 ms in a pseudo-terminal, plus ~8 ms for the dropped render).
        # Inside a batch: no render, the regions stay dirty for the next one; a repaint is
        # asked for in case nothing else renders after the batch, and withdrawn when the
        # next render (which draws those regions) comes first.
        if self.app._batch_count and self is self.app.screen:
            self._render_skipped = True
            self._repaint_required = True
            self.check_idle()
            return
        if self._render_skipped:
            self._render_skipped = self._repaint_required = False
        super()._compositor_refresh()

    @property
    def lead_app(self) -> LeadAppParts:
        """The running :class:`~leadtui.ui.app.LeadApp`."""
        return cast(LeadAppParts, self.app)

    @property
    def store(self) -> LeadStore:
        """The injected store."""
        return self.lead_app.store

    @property
    def writes_idle(self) -> bool:
        """True when no write of the app runs or waits (part of each ``up_to_date``)."""
        return not self.lead_app.writes.busy

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.lead_app.clock()
