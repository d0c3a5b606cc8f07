"""The list's search answers each keystroke at once; when loads are slow, keys typed while
a page is being read wait for it, and only the newest of them loads (never a timer)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from textual.pilot import Pilot
from waiting import settle, wait_until

from leadtui.store import LeadStore
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.list_loader import SLOW_LOAD


async def test_quick_loads_search_at_once(demo_store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeadListScreen)
        assert screen.loader.last_load < SLOW_LOAD  # the demo's loads take about a millisecond
        generation = screen.loader.generation
        await pilot.press("slash", "f")
        assert screen.filtering.pending is None  # nothing waits: the load started with the key
        assert screen.loader.generation == generation + 1
        await settle(pilot)
        assert screen.pages is not None and screen.pages.filter.query.words == ("f",)
        assert screen.loader.up_to_date


class HeldReads:
    """Wraps ``page_list``: while ``hold`` is set, each read waits for ``release``."""

    def __init__(self, store: LeadStore) -> None:
        self.page_list = store.reads.page_list
        self.hold = threading.Event()
        self.release = threading.Event()
        self.waiting = threading.Event()
        self.words: list[tuple[str, ...]] = []

    def __call__(self, lead_filter: Any, *args: Any) -> Any:
        self.words.append(lead_filter.query.words)
        if self.hold.is_set():
            self.waiting.set()
            self.release.wait(10)
        return self.page_list(lead_filter, *args)

    def let_go(self) -> None:
        """Reads no longer wait; the one waiting goes on."""
        self.hold.clear()
        self.release.set()


async def slow_list(pilot: Pilot[Any], held: HeldReads) -> LeadListScreen:
    """The settled list, its loads taken as slow, its next page reads held."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LeadListScreen)
    screen.loader.last_load = SLOW_LOAD * 4  # as if the last query had been slow
    held.hold.set()
    return screen


@pytest.fixture
def held(demo_store: LeadStore, monkeypatch: pytest.MonkeyPatch) -> HeldReads:
    reads = HeldReads(demo_store)
    monkeypatch.setattr(demo_store.reads, "page_list", reads)
    return reads


async def test_keys_typed_during_a_slow_read_load_once_when_it_arrives(
    demo_store: LeadStore, app_factory: AppFactory, held: HeldReads
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await slow_list(pilot, held)
        generation = screen.loader.generation
        await pilot.press("slash", "f")
        assert screen.filtering.pending is None  # no page in flight: "f" loads at once
        assert screen.loader.generation == generation + 1
        await wait_until(pilot, held.waiting.is_set, "the held read of 'f'")
        await pilot.press("e", "l")  # typed while "f" is being read
        assert screen.loader.generation == generation + 1  # nothing more started
        assert screen.filtering.pending is not None
        assert not screen.loader.up_to_date
        held.let_go()
        await settle(pilot)
        assert screen.pages is not None and screen.pages.filter.query.words == ("fel",)
        assert screen.loader.generation == generation + 2  # "fe" never loaded
        assert ("fe",) not in held.words


async def test_esc_drops_a_waiting_keystroke(
    demo_store: LeadStore, app_factory: AppFactory, held: HeldReads
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await slow_list(pilot, held)
        total = screen.loader.counts.total if screen.loader.counts else None
        await pilot.press("slash", "f")
        await wait_until(pilot, held.waiting.is_set, "the held read of 'f'")
        await pilot.press("e", "escape")
        held.let_go()
        await settle(pilot)
        assert ("fe",) not in held.words
        assert screen.pages is not None and screen.pages.filter.query.is_empty
        assert screen.loader.counts is not None and screen.loader.counts.total == total
