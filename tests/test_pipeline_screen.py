"""The pipeline settings screen, keyboard only: keys pressed, the database checked after."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import AppFactory
from pg_fixtures import both_backends
from textual.pilot import Pilot
from waiting import settle, wait_until

from leadtui.domain.cadence import Cadence
from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.pipeline_settings import PipelineScreen

pytestmark = both_backends


def keys(store: LeadStore) -> list[str]:
    return [stage.key for stage in store.reads.stages()]


async def press(pilot: Pilot[Any], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


async def typed(pilot: Pilot[Any], text: str) -> None:
    await pilot.press("ctrl+a", "ctrl+k", *text, "enter")
    await settle(pilot)


async def test_add_rename_move_cadence_and_undo(store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "P")
        assert isinstance(app.screen, PipelineScreen)
        await press(pilot, "j", "n")  # after Contacted
        await typed(pilot, "Demo")
        assert keys(store)[2] == "demo"
        await press(pilot, "e")
        await typed(pilot, "Demo done")
        assert next(s.name for s in store.reads.stages() if s.key == "demo") == "Demo done"
        await press(pilot, "K")
        assert keys(store)[:3] == ["new", "demo", "contacted"]
        await press(pilot, "u")
        await wait_until(
            pilot, lambda: keys(store)[:3] == ["new", "contacted", "demo"], "the write"
        )
        await press(pilot, "f")
        await typed(pilot, "4")
        assert store.agenda.cadence_of("demo") == Cadence(4, 21)
        await press(pilot, "O")
        await typed(pilot, "30")
        assert store.agenda.cadence_of("demo") == Cadence(4, 30)
        await press(pilot, "u")
        await wait_until(
            pilot, lambda: store.agenda.cadence_of("demo") == Cadence(4, 21), "the write"
        )
        await press(pilot, "plus", "enter")  # the suggested name: Nurturing
        nurture = next(s for s in store.reads.stages() if s.kind == "nurture")
        assert nurture.name == "Nurturing"
        await press(pilot, "q")
        assert not isinstance(app.screen, PipelineScreen)


async def test_remove_asks_and_moves_the_leads(store: LeadStore, app_factory: AppFactory) -> None:
    for name in ("Ana", "Ben"):
        store.leads.add_lead(LeadInput(first_name=name, stage="qualified"))
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "P", "j", "j", "d")  # Qualified holds 2 leads: pick where they go
        await press(pilot, "down", "enter")  # Contacted, New → the second option is Contacted
        await press(pilot, "y")
        await wait_until(pilot, lambda: "qualified" not in keys(store), "the write")
        counts = {total.stage.key: total.count for total in store.reads.stage_totals()}
        assert counts["contacted"] == 2
        await press(pilot, "j", "d", "escape")  # Contacted holds them now: asks where to
        assert "contacted" in keys(store) and isinstance(app.screen, PipelineScreen)
        await press(pilot, "j", "d", "y")  # Proposal is empty: removed, and u brings it back
        await wait_until(pilot, lambda: "proposal" not in keys(store), "the write")
        await press(pilot, "u")
        await wait_until(pilot, lambda: "proposal" in keys(store), "the write")


@pytest.mark.parametrize("key", ["won", "new"])
async def test_won_and_the_first_stage_are_not_removed(
    store: LeadStore, app_factory: AppFactory, key: str
) -> None:
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "P")
        steps = keys(store).index(key)
        await press(pilot, *(["j"] * steps), "d", "y")
        assert key in keys(store)
        assert isinstance(app.screen, PipelineScreen)


async def test_the_board_follows_renamed_and_reordered_stages(
    store: LeadStore, app_factory: AppFactory
) -> None:
    from leadtui.ui.screens.funnel_board import FunnelBoardScreen

    store.leads.add_lead(LeadInput(first_name="Ana", stage="proposal"))
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        board = app.screen
        assert isinstance(board, FunnelBoardScreen)
        await press(pilot, "P", "j", "j", "j", "K", "e")
        await typed(pilot, "Offer")
        await press(pilot, "plus", "enter", "q")
        await wait_until(pilot, lambda: len(board.columns) == 7, "the write")
        # n adds the nurturing stage after the one under the cursor (the moved Proposal).
        assert [c.state.stage.key for c in board.columns][:5] == [
            "new",
            "contacted",
            "proposal",
            "nurturing",
            "qualified",
        ]
        assert board.columns[2].state.stage.name == "Offer"
        assert board.columns[3].state.stage.kind == "nurture"
        await wait_until(pilot, lambda: len(board.columns[2].state.loaded) == 1, "the cards")
