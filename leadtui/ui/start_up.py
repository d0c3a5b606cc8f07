"""The order of the app's start: the first frame, the first screen's reads, then the rest.

Work a thread does while the first frame is being built competes with it for the
interpreter, and a read that waits for the interpreter behind a long import waits in
5 ms slices (Python's switch interval) each time it hands it back for SQL. Measured in a
pseudo-terminal at a million leads: the list's count, started before the first frame,
delayed it; started after it but beside the ORM import of the warm-up, the counts came
~150 ms after the first frame instead of ~20 ms. So:

1. nothing but the first frame runs until it is on the terminal;
2. then the first screen's reads (:meth:`StartUp.once_painted`), while holding back
   (:meth:`StartUp.hold`) the background work: the ORM import, the live listener and
   the daily rescoring;
3. then that background work, once every hold is released, or at the latest
   :data:`BACKGROUND_WAIT` seconds after the first frame (a read that never reports
   does not keep it waiting).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

BACKGROUND_WAIT = 1.0
"""The longest the background start-up work waits for the first screen's reads (s)."""


class StartUp:
    """One app's start-up order (see the module's text)."""

    def __init__(self, app: App[Any], background: Callable[[], None]) -> None:
        self.app = app
        self._background = background
        self.painted = False
        """True once the first frame is on the terminal."""
        self.background_started = False
        """True once the background work was started."""
        self._after_paint: list[Callable[[], object]] = []
        self._holds = 0
        self._wait: Timer | None = None

    def once_painted(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` on the UI thread once the first frame is on the terminal (soon,
        when it is already)."""
        if self.painted:
            self.app.call_later(callback)
        else:
            self._after_paint.append(callback)

    def hold(self) -> Callable[[], None]:
        """Keep the background work waiting until the returned function is called (once
        is enough; later calls do nothing). Call it from the UI thread."""
        if self.background_started:
            return lambda: None
        self._holds += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._holds -= 1
                self._start_background_when_free()

        return release

    def first_frame_out(self) -> None:
        """The first frame is on the terminal (the app's ``Ready``): run what waited for it."""
        # The app's queue, not call_after_refresh: that waits for the current screen's next
        # refresh, and a screen pushed meanwhile (a detail opened at once) covers it for good.
        self.painted = True
        for callback in self._after_paint:
            self.app.call_later(callback)
        self._after_paint.clear()
        self._wait = self.app.set_timer(BACKGROUND_WAIT, self._start_background, name="start-up")
        # After the reads queued above have had their turn to take a hold.
        self.app.call_later(self._start_background_when_free)

    def _start_background_when_free(self) -> None:
        if self.painted and not self._holds:
            self._start_background()

    def _start_background(self) -> None:
        if not self.background_started:
            self.background_started = True
            if self._wait is not None:
                self._wait.stop()
            self._background()
