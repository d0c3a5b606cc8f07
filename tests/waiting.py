"""Waiting in Pilot and snapshot tests: on conditions, never on timers or counts of pauses.

A loaded CI machine runs workers, debounce timers and layout passes late, so a test
that sleeps a fixed time, or waits for "two quiet checks", takes its picture or checks
the database before the app is done. Every wait here polls a condition that is true
only when the app is done, and fails with what it was still waiting for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerState

from leadtui.ui.widgets.fitted_table import FittedDataTable

TIMEOUT = 20.0
"""Seconds before a wait gives up: generous, for a machine with both cores busy."""


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, timeout: float = TIMEOUT
) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:g} s waiting for {what}")
        await pilot.pause(0.01)


def running_workers(app: App[Any]) -> list[str]:
    """The names of the app's workers that are pending or running."""
    return [
        f"worker {worker.name or worker.group}"
        for worker in app.workers
        if worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
    ]


def still_pending(app: App[Any]) -> list[str]:
    """What the app is still doing: running workers, screens not up to date, unsized tables."""
    pending = running_workers(app)
    for screen in app.screen_stack:
        # Screens with work in flight (debounced search, counts, dry runs) say so.
        if not getattr(screen, "up_to_date", True):
            pending.append(f"{type(screen).__name__} not up to date")
        pending += [
            f"table #{table.id} not sized"
            for table in screen.query(FittedDataTable)
            if not table.is_laid_out
        ]
    return pending


def freeze_cursors(app: App[Any]) -> None:
    """Stop blinking cursors, so a picture does not depend on when it is taken."""
    for box in app.screen.query(Input):
        box.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


async def settle(pilot: Pilot[Any], timeout: float = TIMEOUT) -> None:
    """Wait until the app has nothing in flight, freeze cursors, let the last frame paint."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while pending := still_pending(pilot.app):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"Timed out after {timeout:g} s; still pending: " + ", ".join(pending)
            )
        await pilot.pause(0.01)
    freeze_cursors(pilot.app)
    await pilot.pause()


async def press_and_settle(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one by one, settling after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def _highlighted_command(app: App[Any]) -> str:
    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return ""
    commands = screen.query_one(CommandList)
    if commands.highlighted is None:
        return ""
    return str(commands.get_option_at_index(commands.highlighted).prompt)


async def run_from_palette(pilot: Pilot[Any], query: str, expected: str) -> None:
    """Open the command palette, type ``query``, wait until ``expected`` is highlighted, run it."""
    await pilot.press("ctrl+p")
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the command palette to open"
    )
    await pilot.press(*query)
    await wait_until(
        pilot,
        lambda: expected.lower() in _highlighted_command(pilot.app).lower(),
        f"the palette to highlight {expected!r} for {query!r}",
    )
    await pilot.press("enter")
    await settle(pilot)
