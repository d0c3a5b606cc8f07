"""Pilot tests for the lead list: every key path, checked against the database afterwards."""

from __future__ import annotations

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from pg_fixtures import both_backends
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static
from waiting import run_from_palette, settle

from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort, SortKey
from leadtui.store import LeadStore
from leadtui.ui.app import LeadApp
from leadtui.ui.screens.confirm import ConfirmScreen
from leadtui.ui.screens.filter_dialog import FilterScreen
from leadtui.ui.screens.help_screen import ScreenHelpDialog
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.list_commands import list_commands
from leadtui.ui.screens.pickers import StagePickerScreen
from leadtui.ui.widgets.lead_table import LeadTable

pytestmark = both_backends

EVERYTHING = LeadFilter()
NEWEST = LeadSort()


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    """Press keys one by one, settling after each."""
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


def screen_of(app: LeadApp) -> LeadListScreen:
    """The list screen (under any open dialog)."""
    screen = app.screen_stack[0]
    assert isinstance(screen, LeadListScreen)
    return screen


def table_of(app: LeadApp) -> LeadTable:
    """The lead table."""
    return screen_of(app).query_one(LeadTable)


def live_count(store: LeadStore, lead_filter: LeadFilter = EVERYTHING) -> int:
    """How many leads the database holds (fresh read)."""
    return store.reads.count_list(lead_filter).total


class TestNavigation:
    """Cursor keys, counts header and empty state."""

    async def test_first_page_and_counts(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            table = table_of(app)
            first = demo_store.reads.page_list(EVERYTHING, NEWEST, 0, 1)[0]
            assert table.current_row is not None and table.current_row.id == first.id
            assert table.source.total == live_count(demo_store)
            header = str(screen_of(app).query_one("#list-header", Static).render())
            assert f"{live_count(demo_store):,} leads" in header

    async def test_cursor_keys(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            table = table_of(app)
            await keys(pilot, "j", "down", "j", "k")
            assert table.cursor == 2
            await keys(pilot, "up", "up", "up")
            assert table.cursor == 0
            await keys(pilot, "G")
            total = live_count(demo_store)
            assert table.cursor == total - 1
            last = demo_store.reads.page_list(EVERYTHING, NEWEST, total - 1, 1)[0]
            assert table.current_row is not None and table.current_row.id == last.id
            await keys(pilot, "g")
            assert table.cursor == 0
            await keys(pilot, "pagedown")
            page = table.size.height - 1
            assert table.cursor == page
            await keys(pilot, "end", "pageup")
            assert table.cursor == total - 1 - page
            await keys(pilot, "home")
            assert table.cursor == 0 and table.scroll_y == 0

    async def test_empty_state_tells_how_to_start(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            empty = screen_of(app).query_one("#empty", Static)
            assert empty.display
            text = str(empty.render())
            assert "leadtui import FILE" in text and "leadtui --demo" in text and "n " in text
            await keys(pilot, "j", "space", "greater_than_sign", "d", "e")
            assert isinstance(app.screen, LeadListScreen)

    async def test_neighbours_walk_the_list(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            screen, table = screen_of(app), table_of(app)
            rows = demo_store.reads.page_list(EVERYTHING, NEWEST, 0, 3)
            assert screen.neighbours(rows[0].id, 1) == rows[1].id
            assert table.cursor == 1
            assert screen.neighbours(rows[1].id, 1) == rows[2].id
            assert screen.neighbours(rows[2].id, -2) == rows[0].id
            assert screen.neighbours(rows[0].id, -1) is None
            assert table.cursor == 0

    async def test_board_key_switches_mode(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await keys(pilot, "b")
            assert app.current_mode == "board"

    async def test_enter_opens_the_lead_and_brackets_walk_the_list(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            rows = demo_store.reads.page_list(EVERYTHING, NEWEST, 0, 3)
            await keys(pilot, "enter")
            assert type(app.screen).__name__ == "LeadDetailScreen"
            assert getattr(app.screen, "lead_id", None) == rows[0].id
            await keys(pilot, "right_square_bracket", "right_square_bracket")
            assert getattr(app.screen, "lead_id", None) == rows[2].id
            await keys(pilot, "q")
            assert isinstance(app.screen, LeadListScreen)
            current = table_of(app).current_row
            assert current is not None and current.id == rows[2].id  # the cursor followed

    async def test_help_and_palette(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "question_mark")  # our words about the list, not Textual's keys
            assert isinstance(app.screen, ScreenHelpDialog)
            await keys(pilot, "f1")
            assert isinstance(app.screen, LeadListScreen)
            await run_from_palette(pilot, "new lead", "new lead")
            assert type(app.screen).__name__ == "LeadFormScreen"

    def test_palette_offers_every_screen_action(self) -> None:
        names = [action for _title, _help, action in list_commands()]
        for action in names:
            assert hasattr(LeadListScreen, f"action_{action}"), action
        bound = {binding.action for binding in LeadListScreen.BINDINGS}  # type: ignore[union-attr]
        assert bound - {"clear_search"} <= {*names, "search"}


class TestStageMoves:
    """> and < move a lead; u undoes it."""

    async def test_next_stage_then_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            table = table_of(app)
            keys_ = [stage.key for stage in demo_store.reads.stages()]
            while (row := table.current_row) is not None and row.stage in ("won", "lost"):
                await keys(pilot, "j")
            assert row is not None
            before = len(demo_store.reads.stage_history(row.id))
            await keys(pilot, "greater_than_sign")
            moved = demo_store.reads.lead_row(row.id)
            assert moved is not None
            assert moved.stage == keys_[keys_.index(row.stage) + 1]
            assert len(demo_store.reads.stage_history(row.id)) == before + 1
            await keys(pilot, "u")
            back = demo_store.reads.lead_row(row.id)
            assert back is not None and back.stage == row.stage
            assert len(demo_store.reads.stage_history(row.id)) == before

    async def test_previous_stage(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            table = table_of(app)
            while (row := table.current_row) is not None and row.stage == "new":
                await keys(pilot, "j")
            assert row is not None
            keys_ = [stage.key for stage in demo_store.reads.stages()]
            await keys(pilot, "less_than_sign")
            moved = demo_store.reads.lead_row(row.id)
            assert moved is not None and moved.stage == keys_[keys_.index(row.stage) - 1]


class TestMarksAndBulk:
    """Space marks rows; m, t and d act on every marked lead."""

    async def test_mark_and_bulk_move(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            rows = demo_store.reads.page_list(EVERYTHING, NEWEST, 0, 2)
            await keys(pilot, "space", "space")
            assert table_of(app).marked == {rows[0].id, rows[1].id}
            await keys(pilot, "m")
            assert isinstance(app.screen, StagePickerScreen)
            await keys(pilot, "end", "enter", "enter")  # Lost asks the reason: the first one
            for row in rows:
                moved = demo_store.reads.lead_row(row.id)
                assert moved is not None and moved.stage == "lost"
            assert table_of(app).marked == set()
            await keys(pilot, "u")
            for row in rows:
                back = demo_store.reads.lead_row(row.id)
                assert back is not None and back.stage == row.stage

    async def test_mark_and_tag(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            rows = demo_store.reads.page_list(EVERYTHING, NEWEST, 0, 2)
            await keys(pilot, "space", "space", "number_sign", "z", "z", "t", "o", "p", "enter")
            for row in rows:
                assert "zztop" in demo_store.reads.tags_of(row.id)
            await keys(pilot, "u")
            for row in rows:
                assert "zztop" not in demo_store.reads.tags_of(row.id)

    async def test_bulk_delete_and_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            total = live_count(demo_store)
            await keys(pilot, "space", "space", "space", "d")
            assert isinstance(app.screen, ConfirmScreen)
            await keys(pilot, "y")
            assert live_count(demo_store) == total - 3
            assert table_of(app).source.total == total - 3
            await keys(pilot, "u")
            assert live_count(demo_store) == total


class TestDelete:
    """d asks first; only a yes deletes; u restores."""

    async def test_delete_asks_then_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            row = table_of(app).current_row
            assert row is not None
            await keys(pilot, "d")
            assert isinstance(app.screen, ConfirmScreen)
            await keys(pilot, "y")
            with pytest.raises(NotFoundError):
                demo_store.leads.get_lead(row.id)
            current = table_of(app).current_row
            assert current is not None and current.id != row.id
            await keys(pilot, "u")
            assert demo_store.leads.get_lead(row.id).deleted_at is None

    async def test_delete_refused_keeps_lead(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            row = table_of(app).current_row
            assert row is not None
            await keys(pilot, "d", "n")
            await keys(pilot, "d", "enter")  # Enter lands on Cancel
            assert isinstance(app.screen, LeadListScreen)
            assert demo_store.leads.get_lead(row.id).deleted_at is None

    async def test_undo_with_nothing_to_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await keys(pilot, "u")
            assert any("Nothing to undo" in n.message for n in app._notifications)


class TestSearchFilterSort:
    """/ searches as you type, f filters, s/S and header clicks sort."""

    async def test_search_as_you_type_then_escape(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "slash", "f", "e", "r", "r")
            await settle(pilot)
            expected = live_count(demo_store, LeadFilter(search="ferr"))
            assert 0 < expected < live_count(demo_store)
            table = table_of(app)
            assert table.source.total == expected
            for index in range(expected):
                row = table.source.row(index)
                assert row is not None
                assert "ferr" in f"{row.display_name} {row.company} {row.email}".lower()
            await keys(pilot, "enter", "j")
            assert table.has_focus
            await pilot.press("escape")
            await settle(pilot)
            assert table.source.total == live_count(demo_store)
            assert screen_of(app).query_one("#search", Input).value == ""

    async def test_search_typed_fast_after_slash(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("slash", "f", "e", "r", "r")  # no pause between keys
            await settle(pilot)
            assert screen_of(app).query_one("#search", Input).value == "ferr"
            assert table_of(app).source.total == live_count(demo_store, LeadFilter(search="ferr"))
            assert isinstance(app.screen, LeadListScreen)  # "f" did not open the filter

    async def test_filter_by_stage(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "F")
            assert isinstance(app.screen, FilterScreen)
            stages = app.screen.query_one("#filter-stages", SelectionList)
            assert stages.has_focus
            await keys(pilot, "down", "space", "ctrl+s")  # the second stage: contacted
            wanted = LeadFilter(stages=("contacted",))
            table = table_of(app)
            assert table.source.total == live_count(demo_store, wanted) > 0
            for index in range(table.source.total):
                row = table.source.row(index)
                assert row is not None and row.stage == "contacted"
            await keys(pilot, "f", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
            await screen_of(app).run_action("clear_filter")
            await settle(pilot)
            assert table.source.total == live_count(demo_store)

    async def test_sort_keys_and_header_click(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            screen, table = screen_of(app), table_of(app)
            await keys(pilot, "s")
            assert screen.sort == LeadSort(SortKey.NAME, descending=False)
            first = demo_store.reads.page_list(EVERYTHING, screen.sort, 0, 1)[0]
            assert table.current_row is not None and table.current_row.id == first.id
            await keys(pilot, "S")
            assert screen.sort == LeadSort(SortKey.NAME, descending=True)
            await pilot.click(LeadTable, offset=(table.size.width - 3, 0))  # "Value"
            await settle(pilot)
            assert screen.sort == LeadSort(SortKey.VALUE, descending=True)
            top = demo_store.reads.page_list(EVERYTHING, screen.sort, 0, 1)[0]
            assert table.current_row is not None and table.current_row.id == top.id
            await pilot.click(LeadTable, offset=(table.size.width - 3, 0))
            await settle(pilot)
            assert screen.sort == LeadSort(SortKey.VALUE, descending=False)


class TestUntrustedText:
    """Names and companies with markup show literally in the table and toasts."""

    async def test_markup_payloads_render_literally(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        payloads = ["Acme [/]", "[bold]x", "[@click=app.quit]x", "[link=https://evil]x[/link]"]
        for number, payload in enumerate(payloads):
            store.leads.add_lead(
                LeadInput(first_name=payload, company=payload, email=f"p{number}@example.com")
            )
        store.leads.add_lead(LeadInput(first_name="Esc\x1b[31mape", email="esc@example.com"))
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            table = table_of(app)
            lines = [table.render_line(y).text for y in range(1, 6)]
            for payload in payloads:
                assert any(payload[:18] in line for line in lines), payload
            assert any("Escape" in line for line in lines)  # the store strips escapes
            assert not any("\x1b" in line for line in lines)
            await keys(pilot, "greater_than_sign")
            assert app.is_running


class TestLeadPages:
    """The page cache behind the table: bounded, read-ahead, nearest-end paging."""

    def test_pages_are_cached_bounded_and_read_ahead(self, demo_store: LeadStore) -> None:
        from leadtui.ui.screens.lead_pages import MAX_PAGES, PAGE_SIZE, LeadPages

        calls: list[int] = []
        asked: list[int] = []

        def fetch(*args: object) -> list[object]:
            offset = args[2]
            assert isinstance(offset, int)
            calls.append(offset)
            return [object()] * PAGE_SIZE

        pages = LeadPages(
            fetch,  # type: ignore[arg-type]
            EVERYTHING,
            NEWEST,
            lambda owner, page: asked.append(page),
        )
        pages.set_total(PAGE_SIZE * 20)
        pages.row(0)
        pages.row(1)
        assert calls == [0]
        pages.row(PAGE_SIZE - 1)
        assert asked == [1]  # near the end of page 0: page 1 is read ahead once
        pages.row(PAGE_SIZE - 2)
        assert asked == [1]
        pages.keep_prefetched(1, pages.fetch_page(1))
        calls.clear()
        pages.row(PAGE_SIZE + 5)
        assert calls == []
        for page in range(2, 2 + MAX_PAGES + 2):
            pages.row(page * PAGE_SIZE + 50)
        assert len(pages.cached_pages()) == MAX_PAGES
        assert pages.row(PAGE_SIZE * 20) is None

    def test_neighbour_pages_match_the_store(self, demo_store: LeadStore) -> None:
        from leadtui.ui.screens.lead_pages import PAGE_SIZE, LeadPages

        pages = LeadPages(demo_store.reads.page_list, EVERYTHING, NEWEST)
        total = live_count(demo_store)
        pages.seed(0, demo_store.reads.page_list(EVERYTHING, NEWEST, 0, PAGE_SIZE))
        pages.set_total(total)
        every = demo_store.reads.page_list(EVERYTHING, NEWEST, 0, total)
        assert [pages.row(i).id for i in range(total)] == [row.id for row in every]  # type: ignore[union-attr]
        assert pages.index_of(every[150].id, near=140) == 150

    def test_search_from_hits_matches_the_plain_query(self, demo_store: LeadStore) -> None:
        for text in ("ferr", "ana", "m", "garcía", "zzzz", "[/]"):
            for sort in (NEWEST, LeadSort(SortKey.NAME, descending=False)):
                for extra in (LeadFilter(), LeadFilter(stages=("new", "contacted"))):
                    wanted = LeadFilter(stages=extra.stages, search=text)
                    fast = demo_store.reads.page_list(wanted, sort, 0, 500)
                    plain = demo_store.reads.page_list(wanted, sort, 0, 500)
                    assert [row.id for row in fast] == [row.id for row in plain], text
                    assert demo_store.reads.count_list(wanted) == demo_store.reads.count_list(
                        wanted
                    )
