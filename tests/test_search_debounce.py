"""The list's search answers each keystroke at once while loads are quick, and
waits for the next keystroke (a debounce) only after a slow load."""

from __future__ import annotations

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from waiting import settle

from leadtui.store import LeadStore
from leadtui.ui.screens import list_loader
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.list_loader import SLOW_LOAD


async def test_quick_loads_search_without_a_debounce(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeadListScreen)
        assert screen.loader.last_load < SLOW_LOAD  # the demo's loads take about a millisecond
        generation = screen.loader.generation
        await pilot.press("slash", "f")
        assert screen.filtering.timer is None  # no timer: the load started with the key
        assert screen.loader.generation == generation + 1
        await settle(pilot)
        assert screen.pages is not None and screen.pages.filter.query.words == ("f",)
        assert screen.loader.up_to_date


async def test_a_slow_load_makes_the_next_keystroke_wait(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_loader, "SEARCH_DEBOUNCE", 60.0)  # never fires during the test
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeadListScreen)
        screen.loader.last_load = SLOW_LOAD * 4  # as if the last query had been slow
        generation = screen.loader.generation
        await pilot.press("slash", "f")
        timer = screen.filtering.timer
        assert timer is not None and timer._interval == 60.0
        assert screen.loader.generation == generation  # nothing loads before the debounce
        screen.loader.last_load = 0.0  # quick again: the next key stops the wait, loads at once
        await pilot.press("e")
        assert screen.filtering.timer is None
        await settle(pilot)
        assert screen.pages is not None and screen.pages.filter.query.words == ("fe",)
        assert screen.loader.generation == generation + 1
