"""One job at a time on a helper thread: the bulk writers' overlap of database work with
the next chunk's reading (SQLite's search indexing, PostgreSQL's ``COPY``).

The drivers release the GIL while the database works, so the job uses a second core.
The caller never touches the connection while a job runs: :meth:`HelperThread.wait`
first (it re-raises what the job raised: the load then fails whole).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import Any


class HelperThread:
    """A single helper thread and the one job it may be running."""

    def __init__(self, name: str) -> None:
        self._executor: ThreadPoolExecutor | None = ThreadPoolExecutor(1, thread_name_prefix=name)
        self._pending: Future[None] | None = None

    def submit(self, job: Callable[..., None], *args: Any) -> None:
        """Run ``job(*args)`` on the helper thread once the previous job is done."""
        self.wait()
        assert self._executor is not None, "submit after stop"
        self._pending = self._executor.submit(job, *args)

    def wait(self) -> None:
        """Let the running job finish; re-raises what it raised."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def stop(self) -> None:
        """Wait for the job and end the thread; never raises (the caller's error wins)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            with suppress(Exception):
                pending.result()
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None
