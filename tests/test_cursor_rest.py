"""A focused cursor stops blinking after a while without input, and blinks again on a key."""

from __future__ import annotations

import pytest
from conftest import AppFactory
from textual.widgets import Input
from waiting import wait_until

from leadtui.store import LeadStore
from leadtui.ui import cursor_rest
from leadtui.ui.screens.import_screen import ImportScreen


@pytest.fixture(autouse=True)
def quick_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cursor_rest, "REST_AFTER", 0.4)


async def test_the_import_path_cursor_rests_then_wakes_on_a_key(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportScreen), "the import screen")
        box = app.screen.query_one("#import-path", Input)
        await wait_until(pilot, lambda: box.has_focus, "the path box's focus")
        assert box.cursor_blink
        rest = app.cursor_rest
        await wait_until(pilot, lambda: rest.resting, "the cursor's rest")
        assert not box.cursor_blink and box._cursor_visible  # drawn, not blinking
        # The key's count runs far longer than a loaded machine's press (CI once took over
        # 0.4 s between the key and the check below, and the cursor had rested again).
        monkeypatch.setattr(cursor_rest, "REST_AFTER", 30.0)
        await pilot.press("x")
        assert box.cursor_blink and not rest.resting
        assert box.value.endswith("x")  # the key still reached the box


async def test_typing_keeps_the_cursor_blinking(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cursor_rest, "REST_AFTER", 3.0)  # far above a loaded machine's pauses
    app = app_factory(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportScreen), "the import screen")
        box = app.screen.query_one("#import-path", Input)
        rest = app.cursor_rest
        for _ in range(8):  # a key every 0.1 s: never 3 s without input
            await pilot.press("y")
            await pilot.pause(0.1)
            assert box.cursor_blink and not rest.resting
