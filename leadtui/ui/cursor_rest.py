"""Blinking cursors rest after a while without input, as GTK's ``cursor-blink-timeout``.

A focused Input or TextArea blinks its cursor twice a second, and each blink redraws
part of the screen: an app left open on the import screen or in a form uses CPU for
nothing. After :data:`REST_AFTER` seconds without a key, a click or a paste (10 to 20 s:
the one-shot timer restarts when its time comes, not on every key), the focused cursor
stops blinking and stays drawn; the next input makes it blink again. Once resting, no
timer of the app runs at all.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, cast

from textual.reactive import Reactive

if TYPE_CHECKING:
    from typing import TypeAlias

    from textual.app import App
    from textual.timer import Timer
    from textual.widgets import Input, TextArea

    Blinker: TypeAlias = Input | TextArea

REST_AFTER = 10.0
"""Seconds without input before the focused cursor stops blinking (GTK's default)."""
TIMER_NAME = "cursor-rest"


def blinking_cursor(widget: object) -> Blinker | None:
    """``widget`` if it has a cursor that may blink (Textual's ``cursor_blink`` reactive:
    an Input, a TextArea), else ``None``.

    Asked of the class, not by ``isinstance``: importing TextArea for it cost ~5 ms
    before the first frame, which has none.
    """
    if isinstance(getattr(type(widget), "cursor_blink", None), Reactive):
        return cast("Blinker", widget)
    return None


class CursorRest:
    """Stops the focused cursor's blinking when the user is away (one per app)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._rested: weakref.WeakSet[Blinker] = weakref.WeakSet()
        self._timer: Timer | None = None

    def start(self) -> None:
        """Count :data:`REST_AFTER` seconds from now."""
        self._timer = self.app.set_timer(REST_AFTER, self._rest, name=TIMER_NAME)

    def input_seen(self) -> None:
        """A key, click or paste: the count starts again; rested cursors blink again."""
        if self._timer is None:
            self.start()
        else:
            self._timer.reset()
        for widget in tuple(self._rested):
            self._rested.discard(widget)
            if widget.has_focus:
                widget.cursor_blink = True
            else:
                # Without its watcher: it blinks again when it is focused, not before.
                widget.set_reactive(type(widget).cursor_blink, True)

    def _rest(self) -> None:
        self._timer = None
        focused = blinking_cursor(self.app.focused)
        if focused is not None and focused.cursor_blink:
            focused.cursor_blink = False  # drawn, not blinking
            self._rested.add(focused)

    @property
    def resting(self) -> bool:
        """True while a cursor rests (for tests)."""
        return bool(self._rested)
