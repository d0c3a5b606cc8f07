"""The list sorted by score from the keyboard and the header; a view keeps that sort."""

from __future__ import annotations

from conftest import SNAPSHOT_SIZE, AppFactory
from pg_fixtures import both_backends
from test_lead_list_screen import EVERYTHING, keys, screen_of, table_of
from waiting import settle

from leadtui.domain.rows import LeadSort, SortKey
from leadtui.store import LeadStore
from leadtui.ui.screens.list_loader import SORT_CYCLE
from leadtui.ui.widgets.lead_table import LeadTable
from leadtui.ui.widgets.list_header import ListHeader

pytestmark = both_backends

BEST_FIRST = LeadSort(SortKey.SCORE, descending=True)


async def test_s_reaches_the_score_sort_and_the_header_flips_it(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await keys(pilot, *["s"] * SORT_CYCLE.index(SortKey.SCORE))
        screen, table = screen_of(app), table_of(app)
        assert screen.sort == BEST_FIRST
        best = demo_store.reads.page_list(EVERYTHING, BEST_FIRST, 0, 3)
        assert table.current_row is not None and table.current_row.id == best[0].id
        assert best[0].score is not None and best[0].score >= (best[2].score or 0)
        header = table.render_line(0).text
        assert header.rstrip().endswith("Score ▼")
        assert table.render_line(1).text.rstrip().endswith(str(best[0].score))
        assert screen.query_one(ListHeader).sort_text == "score ↓"
        await pilot.click(LeadTable, offset=(table.size.width - 3, 0))  # the Score title
        await settle(pilot)
        assert screen.sort == LeadSort(SortKey.SCORE, descending=False)
        worst = demo_store.reads.page_list(EVERYTHING, screen.sort, 0, 1)[0]
        assert table.current_row is not None and table.current_row.id == worst.id
        await keys(pilot, "s")  # the cycle goes on to "created", and the column goes away
        assert screen.sort == LeadSort(SortKey.CREATED, descending=True)
        assert "Score" not in table.render_line(0).text


async def test_a_view_saved_sorted_by_score_opens_sorted_by_score(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    demo_store.views.save_view("Mejores", "stage:new,contacted", BEST_FIRST)
    assert [view.sort for view in demo_store.views.views() if view.name == "Mejores"] == [
        BEST_FIRST
    ]
    app = app_factory(demo_store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        (view,) = [view for view in demo_store.views.views() if view.name == "Mejores"]
        screen.apply_view(view)
        await settle(pilot)
        assert screen.sort == BEST_FIRST
        rows = demo_store.reads.page_list(screen.filter, BEST_FIRST, 0, 100)
        assert {row.stage for row in rows} <= {"new", "contacted"}
        assert table_of(app).current_row is not None
        assert table_of(app).current_row.id == rows[0].id  # type: ignore[union-attr]
