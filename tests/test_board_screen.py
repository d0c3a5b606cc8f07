"""Pilot tests of the funnel board: press keys, then check the database through the store."""

from __future__ import annotations

from typing import cast

from conftest import AppFactory
from pg_fixtures import both_backends
from textual.pilot import Pilot
from waiting import run_from_palette, settle

from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.store import LeadStore
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.won_dialog import WonDialog

pytestmark = both_backends

SIZE = (120, 36)
STAGES = ["new", "contacted", "qualified", "proposal", "won", "lost"]


async def open_board(pilot: Pilot[None]) -> FunnelBoardScreen:
    """Switch to the board and wait for its counts."""
    await settle(pilot)
    await pilot.app.switch_mode("board")
    await settle(pilot)
    return cast(FunnelBoardScreen, pilot.app.screen)


def header_counts(board: FunnelBoardScreen) -> dict[str, int | None]:
    """What each column header says."""
    return {c.state.stage.key: c.state.total for c in board.columns}


def store_counts(store: LeadStore) -> dict[str, int]:
    """What the database says."""
    return {t.stage.key: t.count for t in store.reads.stage_totals()}


async def test_a_lead_through_every_stage(demo_store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        lead = board.column.state.current
        assert lead is not None and lead.stage == "new"
        before = len(demo_store.reads.stage_history(lead.id))
        for _ in range(4):
            await pilot.press("L")
            await settle(pilot)
            if isinstance(pilot.app.screen, WonDialog):  # past Proposal: Won asks the value
                await pilot.press("enter")
                await settle(pilot)
            # The card follows the cursor into the next column.
            assert board.column.state.current is not None
            assert board.column.state.current.id == lead.id
        await pilot.press("L")  # Won never becomes Lost by "next stage"
        await settle(pilot)
        history = demo_store.reads.stage_history(lead.id)[before:]
        assert [(h.from_stage, h.to_stage) for h in history] == list(
            zip(STAGES[:-1], STAGES[1:-1], strict=False)
        )
        assert [h.at for h in history] == sorted(h.at for h in history)
        row = demo_store.reads.lead_row(lead.id)
        assert row is not None and row.stage == "won"
        assert header_counts(board) == store_counts(demo_store)
        await pilot.press("H")  # reopens the deal in the last open stage
        await settle(pilot)
        row = demo_store.reads.lead_row(lead.id)
        assert row is not None and row.stage == "proposal"


async def test_h_and_l_do_nothing_at_the_edges(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        lead = board.column.state.current
        assert lead is not None
        await pilot.press("H", "h", "shift+left")
        await settle(pilot)
        assert board.current == 0
        assert demo_store.reads.stage_history(lead.id)[-1].to_stage == "new"
        await pilot.press("shift+right")
        await settle(pilot)
        row = demo_store.reads.lead_row(lead.id)
        assert row is not None and row.stage == "contacted"


async def test_undo_restores_stage_and_history(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("l", "j")
        await settle(pilot)
        lead = board.column.state.current
        assert lead is not None and lead.stage == "contacted"
        history = demo_store.reads.stage_history(lead.id)
        counts = store_counts(demo_store)
        await pilot.press("L", "L")
        await settle(pilot)
        assert demo_store.reads.stage_history(lead.id)[-1].to_stage == "proposal"
        await pilot.press("u")
        await settle(pilot)
        assert demo_store.reads.stage_history(lead.id)[-1].to_stage == "qualified"
        await pilot.press("u")
        await settle(pilot)
        assert demo_store.reads.stage_history(lead.id) == history
        row = demo_store.reads.lead_row(lead.id)
        assert row is not None and row.stage == "contacted"
        assert store_counts(demo_store) == counts
        assert header_counts(board) == counts
        assert board.column.state.stage.key == "contacted"
        assert board.column.state.current is not None
        assert board.column.state.current.id == lead.id


async def test_won_moves_and_lost_asks_for_a_reason(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        first = board.column.state.current
        assert first is not None
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("enter")  # the value, pre-filled
        await settle(pilot)
        assert demo_store.reads.stage_history(first.id)[-1].to_stage == "won"
        assert board.column.state.stage.key == "won"
        await pilot.press("h", "h", "h", "h")  # back to New
        second = board.column.state.current
        assert second is not None and second.stage == "new"
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("down", "enter")  # the second common reason
        await settle(pilot)
        last = demo_store.reads.stage_history(second.id)[-1]
        assert (last.to_stage, last.reason) == ("lost", "No budget")
        assert board.column.state.stage.key == "lost"
        # A typed reason, for the next New card.
        await pilot.press("h", "h", "h", "h", "h")
        typed = board.column.state.current
        assert typed is not None and typed.stage == "new"
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("tab", *"Chose [b]in-house[/b]", "enter")
        await settle(pilot)
        last = demo_store.reads.stage_history(typed.id)[-1]
        assert (last.to_stage, last.reason) == ("lost", "Chose [b]in-house[/b]")
        # Cancelling the dialog moves nothing.
        await pilot.press("h", "h", "h", "h", "h")
        third = board.column.state.current
        assert third is not None
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        row = demo_store.reads.lead_row(third.id)
        assert row is not None and row.stage == third.stage


async def test_search_filters_every_column(demo_store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("slash", *"garcia")
        await settle(pilot)
        for column in board.columns:
            expected = demo_store.reads.page_list(
                LeadFilter(stages=(column.state.stage.key,), search="garcia"), LeadSort(), 0, 100
            )
            assert [r.id for r in column.state.cards] == [r.id for r in expected]
            assert column.state.total == len(expected)
        assert sum(c.state.total or 0 for c in board.columns) > 0
        await pilot.press("enter", "j")  # keys go back to the board
        await pilot.press("escape")
        await settle(pilot)
        assert header_counts(board) == store_counts(demo_store)


async def test_cursor_pages_in_more_cards(demo_store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        state = board.column.state
        assert len(state.cards) == 40 and state.more == 29
        await pilot.press(*"j" * 40)
        await settle(pilot)
        expected = demo_store.reads.page_list(LeadFilter(stages=("new",)), LeadSort(), 0, 100)
        assert [r.id for r in state.cards] == [r.id for r in expected]
        assert state.more == 0 and state.cursor == 40


async def test_collapse_and_back_to_the_list(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("C")
        await pilot.press(*"l" * 6)
        assert board.column.state.stage.key == "proposal"
        await pilot.press("C", "l")
        assert board.column.state.stage.key == "won"
        await pilot.press("v")
        await settle(pilot)
        assert pilot.app.current_mode == "leads"


async def test_palette_offers_board_commands(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    from leadtui.ui.widgets.metrics_panel import MetricsPanel

    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await run_from_palette(pilot, "funnel metrics", "funnel metrics")
        panel = board.query_one(MetricsPanel)
        assert panel.display
        assert panel.metrics is not None
        assert panel.metrics.won == store_counts(demo_store)["won"]


async def test_enter_opens_the_detail_and_back_refreshes(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    from leadtui.ui.screens.lead_detail import LeadDetailScreen

    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("l")
        cards = board.column.state.cards
        await pilot.press("enter")
        await settle(pilot)
        detail = pilot.app.screen
        assert isinstance(detail, LeadDetailScreen) and detail.lead_id == cards[0].id
        await pilot.press("right_square_bracket")  # next card of the same column
        await settle(pilot)
        assert detail.lead_id == cards[1].id
        await pilot.press("greater_than_sign")  # moved on the detail screen
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert pilot.app.screen is board
        assert header_counts(board) == store_counts(demo_store)
        assert cards[1].id not in [r.id for r in board.column.state.cards]


async def test_open_metrics_follow_moves(demo_store: LeadStore, app_factory: AppFactory) -> None:
    from leadtui.ui.widgets.metrics_panel import MetricsPanel

    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("i")
        await settle(pilot)
        panel = board.query_one(MetricsPanel)
        assert panel.metrics is not None and panel.metrics.won == 28
        # two New leads won in a row, each value confirmed with Enter
        await pilot.press("w", "enter", "h", "h", "h", "h", "w", "enter")
        for _ in range(3):
            await settle(pilot)
        assert panel.metrics.won == 30 == store_counts(demo_store)["won"]
        await pilot.press("i")
        await settle(pilot)
        assert not panel.display


async def test_metrics_panel_fits_its_width_after_a_resize(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    from textual.containers import Vertical

    from leadtui.ui.widgets.metrics_panel import MetricsPanel

    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("i")
        await settle(pilot)
        side = board.query_one(MetricsPanel).query_one("#metrics-side", Vertical)
        assert side.outer_size.width == 40  # wide enough for the win rate on one line
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert side.outer_size.width == 30
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert side.outer_size.width == 40


async def test_filter_dialog_narrows_columns_by_tag(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    from leadtui.ui.screens.filter_dialog import FilterScreen

    tag = demo_store.reads.all_tags()[0]
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("F")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, FilterScreen)
        assert not dialog.query("#filter-stages")  # the columns are the stages
        # Stages picked in the shared dialog are ignored: the columns are the stages.
        dialog.dismiss(LeadFilter(stages=("won",), tags=(tag,)))
        await settle(pilot)
        assert board.board_filter == LeadFilter(tags=(tag,))
        for column in board.columns:
            expected = demo_store.reads.page_list(
                LeadFilter(stages=(column.state.stage.key,), tags=(tag,)), LeadSort(), 0, 100
            )
            assert [r.id for r in column.state.cards] == [r.id for r in expected]
            assert column.state.total == len(expected)
        assert 0 < sum(c.state.total or 0 for c in board.columns) < 230
