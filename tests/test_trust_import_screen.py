"""The import screen never closes without importing on Tab ... Enter (#18 item 8)."""

from __future__ import annotations

from conftest import AppFactory
from test_import_screen import FIXTURES, open_with
from waiting import settle

from leadtui.domain.rows import LeadFilter
from leadtui.store import LeadStore


async def test_tab_then_enter_never_closes_without_importing(
    store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "hubspot_en.csv")
        assert screen.query_one("#import-hint").display
        for tabs in range(1, 9):
            await pilot.press(*["tab"] * tabs, "enter")
            await settle(pilot)
            while app.screen is not screen and app.screen in app.screen_stack:
                # a dialog (field picker, confirmation, select list) opened: leave it
                assert screen in app.screen_stack
                await pilot.press("escape")
                await settle(pilot)
            assert app.screen is screen, f"closed after {tabs} Tab"
        assert store.reads.count_list(LeadFilter()).total == 0
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen
