"""The smaller things a careful user notices (#18 item 17), as Pilot tests."""

from __future__ import annotations

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from textual.pilot import Pilot
from waiting import run_from_palette, settle

from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.store import LeadStore
from leadtui.ui.app import MAX_TOASTS
from leadtui.ui.screens import lead_detail
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.import_screen import ImportScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen


async def open_detail(pilot: Pilot[None], store: LeadStore) -> int:
    """The detail of the first lead with an email."""
    rows = store.reads.page_list(LeadFilter(), LeadSort(), 0, 20)
    lead_id = next(row.id for row in rows if row.email)
    await pilot.app.push_screen(LeadDetailScreen(lead_id))
    await settle(pilot)
    return lead_id


async def test_mail_says_so_when_no_mail_program_opens(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lead_detail, "open_external", lambda _app, _url: False)
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, demo_store)
        await pilot.press("at")
        await settle(pilot)
        assert any("No mail program" in str(n.message) for n in app._notifications)


async def test_import_is_in_the_detail_palette(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, demo_store)
        await run_from_palette(pilot, "import", "import")
        assert isinstance(app.screen, ImportScreen)


async def test_import_is_in_the_board_palette(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        await app.switch_mode("board")
        await settle(pilot)
        await run_from_palette(pilot, "import", "import")
        assert isinstance(app.screen, ImportScreen)


async def test_toasts_do_not_pile_up(demo_store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        for n in range(6):
            app.notify(f"Toast {n}")
        app.notify("Toast 5")
        await settle(pilot)
        shown = [str(n.message) for n in app._notifications]
        assert len(shown) == MAX_TOASTS
        assert shown == ["Toast 3", "Toast 4", "Toast 5"]


async def test_board_totals_stay_while_searching(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await app.switch_mode("board")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, FunnelBoardScreen)
        await pilot.press("slash", *"garcia")
        await settle(pilot)
        for column in board.columns:
            matching = demo_store.reads.page_list(
                LeadFilter(stages=(column.state.stage.key,), search="garcia"), LeadSort(), 0, 100
            )
            expected = MoneyTotals.of((row.currency, row.value_cents) for row in matching)
            assert column.state.values == expected
