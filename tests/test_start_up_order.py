"""The start's order (issue 19): a whole first frame, then the first screen's reads, then
the background work (ORM import, live listener, daily rescoring, daily backup).

The first frame is checked as a terminal receives it: a driver that records what Textual
writes (a headless app writes nothing), replayed through pyte.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyte
import pytest
from conftest import AppFactory
from textual.drivers.headless_driver import HeadlessDriver
from textual.screen import Screen
from waiting import wait_until

from leadtui import launch
from leadtui.store import LeadStore
from leadtui.ui.app import LeadApp
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.list_loader import ListLoader
from leadtui.ui.start_up import StartUp

COLS, ROWS = 120, 36
FRAME_END = "\x1b[?2026l"


class RecordingDriver(HeadlessDriver):
    """A driver whose app draws as on a terminal, into :attr:`written`."""

    written: list[str] = []

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)


def _first_frame(written: list[str]) -> list[str]:
    """The screen as a terminal shows it after the first frame (the first synchronized
    update, or the first write of the frame's text when the terminal has none)."""
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.Stream(screen)
    for data in written:
        stream.feed(data)
        if len(data) > 100:  # the first write of a frame's contents
            break
    return list(screen.display)


async def _first_frame_of(app: Any) -> list[str]:
    RecordingDriver.written = []
    app.driver_class = RecordingDriver
    async with app.run_test(size=(COLS, ROWS), headless=False) as pilot:
        await wait_until(pilot, lambda: app.start_up.painted, "the first frame")
        await pilot.pause()
    return _first_frame(RecordingDriver.written)


async def test_the_first_frame_written_shows_the_leads(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    """The terminal's first frame has the table's header and rows, not only the header
    and footer lines (which it had when Textual dropped the render made inside the
    start-up batch)."""
    shown = await _first_frame_of(app_factory(demo_store))
    first_lead = demo_store.reads.page_list(*_list_view(), 0, 1)[0]
    assert any("Name" in line for line in shown[2:6])
    assert any(first_lead.display_name in line for line in shown)


async def test_without_the_fix_the_first_frame_lacks_the_leads(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: Textual's own refresh inside the batch loses the rows."""
    monkeypatch.setattr(StoreScreen, "_compositor_refresh", Screen._compositor_refresh)
    shown = await _first_frame_of(app_factory(demo_store))
    first_lead = demo_store.reads.page_list(*_list_view(), 0, 1)[0]
    assert not any(first_lead.display_name in line for line in shown)


def _list_view() -> tuple[Any, Any]:
    from leadtui.domain.rows import LeadFilter, LeadSort

    return LeadFilter(), LeadSort()


def _record_start_up(app_events: list[str], monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record the count's start, the counts shown and the background's start, each with
    whether the first frame was out (the app goes in the returned list)."""
    app: list[Any] = []
    start_count = ListLoader._start_count
    counted = ListLoader._counted
    start_background = LeadApp._start_background

    def painted() -> str:
        return "painted" if app[0].start_up.painted else "before the first frame"

    def record_start(self: ListLoader, *args: Any) -> None:
        app_events.append(f"count starts, {painted()}")
        start_count(self, *args)

    def record_counted(self: ListLoader, *args: Any) -> None:
        app_events.append(f"counts shown, {painted()}")
        counted(self, *args)

    def record_background(self: LeadApp) -> None:
        app_events.append(f"background starts, {painted()}")
        start_background(self)

    monkeypatch.setattr(ListLoader, "_start_count", record_start)
    monkeypatch.setattr(ListLoader, "_counted", record_counted)
    monkeypatch.setattr(LeadApp, "_start_background", record_background)
    return app


async def test_the_counters_counts_come_with_the_first_frame_and_the_background_after_it(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    app = _record_start_up(events, monkeypatch)
    app.append(app_factory(demo_store))
    async with app[0].run_test(size=(COLS, ROWS)) as pilot:
        await wait_until(pilot, lambda: len(events) >= 2, "the background work")
        assert events[:2] == ["counts shown, before the first frame", "background starts, painted"]
        screen = app[0].screen
        assert isinstance(screen, LeadListScreen)
        assert screen.loader.counts == demo_store.reads.count_list(screen.filter)


async def test_a_count_the_counters_cannot_give_waits_for_the_first_frame_and_holds_the_background(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leadtui.store.reads import ReadsService

    monkeypatch.setattr(ReadsService, "kept_counts", lambda _self, _filter: None)
    events: list[str] = []
    app = _record_start_up(events, monkeypatch)
    app.append(app_factory(demo_store))
    async with app[0].run_test(size=(COLS, ROWS)) as pilot:
        await wait_until(pilot, lambda: len(events) >= 3, "the background work")
        assert events[:3] == [
            "count starts, painted",
            "counts shown, painted",
            "background starts, painted",
        ]
        screen = app[0].screen
        assert isinstance(screen, LeadListScreen) and screen.loader.counts is not None


class FakeApp:
    """What :class:`StartUp` uses of an app: callbacks run at once, timers recorded."""

    def __init__(self) -> None:
        self.timers: list[Callable[[], object]] = []

    def call_later(self, callback: Callable[[], object]) -> bool:
        callback()
        return True

    def set_timer(self, _delay: float, callback: Callable[[], object], **_: object) -> Any:
        self.timers.append(callback)
        return _StoppedTimer(self, callback)


class _StoppedTimer:
    def __init__(self, app: FakeApp, callback: Callable[[], object]) -> None:
        self.app, self.callback = app, callback

    def stop(self) -> None:
        self.app.timers.remove(self.callback)


def _start_up() -> tuple[StartUp, FakeApp, list[str]]:
    app, ran = FakeApp(), []
    return StartUp(app, background=lambda: ran.append("background")), app, ran  # type: ignore[arg-type]


def test_background_waits_for_every_hold_then_starts_once() -> None:
    start_up, app, ran = _start_up()
    first, second = start_up.hold(), start_up.hold()
    start_up.first_frame_out()
    first()
    first()  # a second release of the same hold counts once
    assert ran == []
    second()
    assert ran == ["background"] and app.timers == []  # the fallback timer is stopped
    start_up.hold()()  # holds after the start change nothing
    assert ran == ["background"]


def test_background_starts_after_the_first_frame_when_nothing_holds_it() -> None:
    start_up, _app, ran = _start_up()
    start_up.hold()()  # released before the first frame: still waits for it
    assert ran == []
    start_up.first_frame_out()
    assert ran == ["background"]


def test_a_hold_never_released_waits_only_for_the_timer() -> None:
    start_up, app, ran = _start_up()
    start_up.hold()
    start_up.first_frame_out()
    assert ran == [] and len(app.timers) == 1
    app.timers[0]()
    assert ran == ["background"]


def test_callbacks_wait_for_the_first_frame() -> None:
    start_up, _app, _ran = _start_up()
    seen: list[str] = []
    start_up.once_painted(lambda: seen.append("early"))
    assert seen == []
    start_up.first_frame_out()
    start_up.once_painted(lambda: seen.append("late"))
    assert seen == ["early", "late"]


def test_the_daily_backup_starts_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_tui leaves the backup to the app's after-first-frame jobs and joins it."""
    from leadtui.store import files

    started: list[str] = []
    jobs: list[Callable[[], object]] = []

    class Thread:
        def join(self) -> None:
            started.append("joined")

    def start(path: Path) -> Thread:
        started.append(f"backup {path.name}")
        return Thread()

    def run(app: Any, parsed_css: Any = None) -> Any:
        assert started == []  # nothing before the app runs
        jobs.extend(app.after_first_frame)
        for job in jobs:
            job()
        app.store.close()
        return app

    monkeypatch.setattr(files, "start_daily_backup", start)
    monkeypatch.setattr(launch, "run_app", run)
    launch.run_tui(tmp_path / "leads.db")
    assert started == ["backup leads.db", "joined"]


async def test_a_read_arriving_while_the_app_closes_is_dropped(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's page or counts can arrive after the app began removing the screen's
    widgets (found under load: the table still there, the header gone): nothing is
    shown, nothing raises. Here they arrive as the table is removed."""
    from leadtui.ui.widgets.lead_table import LeadTable

    app = app_factory(demo_store)
    arrived: list[bool] = []

    def arrive_now(table: LeadTable) -> None:
        screen = table.screen
        assert isinstance(screen, LeadListScreen)
        loader, pages = screen.loader, screen.loader.pages
        assert pages is not None
        loader._counted(loader.generation, demo_store.reads.count_list(screen.filter))
        loader._loaded(loader.generation, pages, 0)
        arrived.append(app.is_running)

    monkeypatch.setattr(LeadTable, "on_unmount", arrive_now, raising=False)
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause()
    assert arrived == [False]
