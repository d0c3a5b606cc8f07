"""A background listener thread shared by both backends' change signals.

The thread runs ``step`` until stopped; ``step`` waits at most about half a second, or
on a :class:`Wakeup` that :meth:`ListenerThread.stop` sets off, so it returns quickly.
A failing step (a dropped connection) is retried after a pause that doubles up to
:data:`MAX_RETRY_PAUSE` rather than ending the thread: the app keeps listening across a
server restart. ``on_lost`` hears of the first
failure of a run of them (the app shows its connection banner).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable

RETRY_PAUSE = 0.5
"""Seconds to wait before trying again after a failed step (doubled after each failure)."""
MAX_RETRY_PAUSE = 8.0
"""The longest wait between two tries."""


class Wakeup:
    """A pipe a waiting ``select`` also watches: :meth:`wake` ends the wait at once."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()

    def fileno(self) -> int:
        """The end to ``select`` on (readable once woken)."""
        return self._read

    def wake(self) -> None:
        """End the current (and every later) wait."""
        with contextlib.suppress(OSError):
            os.write(self._write, b"x")

    def close(self) -> None:
        """Close both ends (the thread has ended)."""
        for fd in (self._read, self._write):
            with contextlib.suppress(OSError):
                os.close(fd)


class ListenerThread:
    """Runs ``step(stop_event)`` in a daemon thread until :meth:`stop`."""

    def __init__(
        self,
        step: Callable[[threading.Event], None],
        close: Callable[[], None],
        name: str = "leadtui-listen",
        on_lost: Callable[[], None] | None = None,
        wakeup: Wakeup | None = None,
    ) -> None:
        self._step = step
        self._wakeup = wakeup
        self._close = close
        self._on_lost = on_lost
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        pause = 0.0
        try:
            while not self._stopped.is_set():
                try:
                    self._step(self._stopped)
                except Exception:  # noqa: BLE001 - a lost connection: retry, never crash the app
                    self._close()
                    if not pause and self._on_lost is not None:
                        self._on_lost()
                    pause = min(max(pause * 2, RETRY_PAUSE), MAX_RETRY_PAUSE)
                    self._stopped.wait(pause)
                else:
                    pause = 0.0
        finally:
            self._close()
            if self._wakeup is not None:
                self._wakeup.close()

    @property
    def running(self) -> bool:
        """True until the thread has ended."""
        return self._thread.is_alive()

    def stop(self) -> None:
        """Stop the thread and wait for it (its connection closed)."""
        self._stopped.set()
        if self._wakeup is not None:
            self._wakeup.wake()
        self._thread.join(timeout=5)
