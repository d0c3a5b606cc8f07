"""The filter language and saved views in the app: Pilot tests and snapshots (EN and ES)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from language import fresh, speaking
from textual.pilot import Pilot
from waiting import press_and_settle, run_from_palette, settle

from leadtui.domain.filter_query import parse
from leadtui.domain.rows import LeadFilter, LeadSort, SortKey
from leadtui.store import LeadStore
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.view_picker import ViewPickerScreen
from leadtui.ui.widgets.filter_box import FilterHint, FilterInput

SnapCompare = Callable[..., bool]


def list_screen(pilot: Pilot[Any]) -> LeadListScreen:
    screen = pilot.app.screen
    assert isinstance(screen, LeadListScreen)
    return screen


async def type_filter(pilot: Pilot[Any], text: str) -> None:
    """Open the search box and type ``text`` (spaces as "space")."""
    await press_and_settle(pilot, "slash")
    await pilot.press(*["space" if char == " " else char for char in text])
    await settle(pilot)


class TestTypedFilters:
    """The list's search box reads the language; errors show under it."""

    async def test_a_filter_narrows_the_list_as_the_store_does(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        async with app_factory(demo_store).run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await type_filter(pilot, "stage:qualified,proposal -tag:b2b")
            screen = list_screen(pilot)
            query = parse("stage:qualified,proposal -tag:b2b", demo_store.views.vocabulary())
            expected = demo_store.reads.count_list(LeadFilter(query=query))
            assert screen.filter == LeadFilter(query=query)
            assert screen.counts == expected and expected.total > 0
            assert not screen.query_one(FilterHint).display

    async def test_a_bad_value_is_explained_and_the_results_stay(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        async with app_factory(demo_store).run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await type_filter(pilot, "ana stage:qualifed")
            screen = list_screen(pilot)
            hint = screen.query_one(FilterHint)
            assert hint.display and hint.error is not None
            assert (hint.error.start, hint.error.end) == (10, 18)
            # the last text that read ("ana stage" is a search for two words) still shows
            assert screen.filter.query == parse("ana stage")
            await pilot.press("backspace", "backspace", *"ied")
            await settle(pilot)
            assert not hint.display
            assert screen.filter.query == parse("ana stage:qualified")

    async def test_tab_completes_keys_and_values(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        async with app_factory(demo_store).run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await type_filter(pilot, "st")
            box = list_screen(pilot).query_one(FilterInput)
            await press_and_settle(pilot, "tab")
            assert box.value == "stage:"
            await pilot.press(*"qu")
            await press_and_settle(pilot, "tab")
            assert box.value == "stage:qualified"
            await pilot.press("space", *"tag:")
            await press_and_settle(pilot, "tab")  # many tags: listed, nothing chosen
            assert box.value == "stage:qualified tag:"
            assert "b2b" in str(list_screen(pilot).query_one(FilterHint).render())
            assert box.has_focus


class TestSavedViewsInTheApp:
    """o on the list and the board opens the views; Enter saves or opens."""

    async def test_save_then_open_from_the_list(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        async with app_factory(demo_store).run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await type_filter(pilot, "due:overdue")
            await press_and_settle(pilot, "enter", "s", "o")
            assert isinstance(pilot.app.screen, ViewPickerScreen)
            await pilot.press(*"Late")
            await press_and_settle(pilot, "enter")
            saved = demo_store.views.view("Late")
            assert saved.filter_text == "due:overdue"
            assert saved.sort == list_screen(pilot).sort
            await press_and_settle(pilot, "escape")  # clear the search
            assert list_screen(pilot).filter == LeadFilter()
            await run_from_palette(pilot, "saved views", "Saved views…")
            await settle(pilot)
            await press_and_settle(pilot, "enter")
            screen = list_screen(pilot)
            assert screen.query_one(FilterInput).value == "due:overdue"
            assert screen.filter == LeadFilter(query=parse("due:overdue"))
            assert screen.sort == saved.sort

    async def test_delete_a_view_and_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        demo_store.views.save_view("Won", "stage:won", LeadSort(SortKey.VALUE))
        async with app_factory(demo_store).run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "o", "delete")
            assert demo_store.views.views() == []
            await press_and_settle(pilot, "u")
            assert demo_store.views.view("Won").filter_text == "stage:won"

    async def test_a_view_filters_the_board(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        demo_store.views.save_view("Hot", "score>60", LeadSort())
        async with app_factory(demo_store).run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "b", "o", "enter")
            board = pilot.app.screen
            assert isinstance(board, FunnelBoardScreen)
            assert board.board_filter == LeadFilter(query=parse("score>60"))
            wanted = demo_store.reads.count_list(LeadFilter(query=parse("score>60"))).total
            assert sum(total.count for total in board.stage_totals()) == wanted


async def fixed_title(pilot: Pilot[Any]) -> None:
    """The database path varies per run: the pictures show a fixed subtitle."""
    pilot.app.sub_title = "snapshot"
    await settle(pilot)


def _bad_filter() -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await type_filter(pilot, "tag:vip stage:qualifed")
        await fixed_title(pilot)

    return run


def _picker(store: LeadStore) -> Callable[[Pilot[Any]], Awaitable[None]]:
    store.views.save_view("Hot", "stage:qualified,proposal score>40", LeadSort(SortKey.VALUE))
    store.views.save_view("Late events", "due:overdue source:event", LeadSort())
    store.views.save_view("Madrid", "tag:madrid", LeadSort(SortKey.NAME, False))

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await type_filter(pilot, "tag:vip")
        await press_and_settle(pilot, "enter", "o")
        await fixed_title(pilot)

    return run


class TestFilterSnapshots:
    """What the user sees: the inline error, the view picker (English and Spanish)."""

    def test_inline_filter_error(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Carets under “qualifed”, the message and the valid stages; the list unchanged."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=_bad_filter()
        )

    def test_view_picker(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Three saved views with their counts; the current filter to save below."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=_picker(demo_store)
        )

    @pytest.mark.parametrize("which", ["error", "picker"])
    def test_spanish(self, snap_compare: SnapCompare, demo_store: LeadStore, which: str) -> None:
        """The same two pictures in Spanish."""
        script = _bad_filter() if which == "error" else _picker(demo_store)
        with speaking("es"):
            make_app = fresh("leadtui.launch", "make_app")
            assert snap_compare(
                make_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=script
            )
