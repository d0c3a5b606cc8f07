"""A background listener thread shared by both backends' change signals.

The thread runs ``step`` until stopped; ``step`` waits at most about half a second, so
:meth:`ListenerThread.stop` returns quickly. A failing step (a dropped connection) is
retried after a pause rather than ending the thread: the app keeps listening across a
server restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

RETRY_PAUSE = 1.0
"""Seconds to wait before trying again after a failed step."""


class ListenerThread:
    """Runs ``step(stop_event)`` in a daemon thread until :meth:`stop`."""

    def __init__(
        self,
        step: Callable[[threading.Event], None],
        close: Callable[[], None],
        name: str = "leadtui-listen",
    ) -> None:
        self._step = step
        self._close = close
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stopped.is_set():
                try:
                    self._step(self._stopped)
                except Exception:  # noqa: BLE001 - a lost connection: retry, never crash the app
                    self._close()
                    self._stopped.wait(RETRY_PAUSE)
        finally:
            self._close()

    def stop(self) -> None:
        """Stop the thread and wait for it (its connection closed)."""
        self._stopped.set()
        self._thread.join(timeout=5)
