"""The board column's page cache: paging stays an exact prefix while cards move in and out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from leadtui.domain.board_state import ColumnState, days_in_stage, followup_badge
from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import LeadRow, StageInfo

NOW = datetime(2026, 3, 16, 10, tzinfo=UTC)
STAGE = StageInfo("new", "New", 0, "open")


def row(lead_id: int, age_days: int, value: int = 100) -> LeadRow:
    """A card created ``age_days`` ago."""
    created = NOW - timedelta(days=age_days)
    return LeadRow(
        lead_id,
        f"N{lead_id}",
        "",
        "",
        None,
        "new",
        "manual",
        None,
        None,
        created,
        created,
        value,
        "EUR",
    )


def test_pages_append_and_more_counts_down() -> None:
    state = ColumnState(STAGE, total=5, values=MoneyTotals.of([("EUR", 500)]))
    state.reset([row(1, 1), row(2, 2)], limit=2)
    assert not state.complete and state.more == 3 and state.next_offset == 2
    state.add_page([row(3, 3), row(4, 4)], limit=2)
    state.add_page([row(5, 5)], limit=2)
    assert state.complete and state.more == 0
    assert [r.id for r in state.cards] == [1, 2, 3, 4, 5]


def test_arrival_is_pinned_on_top_and_paging_skips_it() -> None:
    state = ColumnState(STAGE, total=3, values=MoneyTotals.of([("EUR", 300)]))
    state.reset([row(1, 1), row(2, 2)], limit=2)
    # An old lead arrives: it sorts beyond the loaded prefix, so it is pinned only.
    state.arrive(row(9, 30, value=50))
    assert [r.id for r in state.cards] == [9, 1, 2]
    assert (state.total, state.values, state.next_offset) == (4, MoneyTotals.of([("EUR", 350)]), 2)
    # The store's next page holds lead 3 and then lead 9 itself: no duplicate card.
    state.add_page([row(3, 3), row(9, 30)], limit=2)
    assert [r.id for r in state.cards] == [9, 1, 2, 3]
    assert state.more == 0


def test_recent_arrival_enters_the_prefix_so_offsets_stay_exact() -> None:
    state = ColumnState(STAGE, total=2)
    state.reset([row(1, 1), row(2, 3)], limit=2)
    state.arrive(row(7, 2))  # sorts between 1 and 2: inside the loaded prefix
    assert [r.id for r in state.loaded] == [1, 7, 2]
    assert state.next_offset == 3
    assert state.take(1) is not None
    assert [r.id for r in state.cards] == [7, 2] and state.total == 2 and state.next_offset == 2


def test_take_keeps_the_cursor_on_a_card() -> None:
    state = ColumnState(STAGE, total=2, values=MoneyTotals.of([("EUR", 200)]))
    state.reset([row(1, 1), row(2, 2)], limit=10)
    state.cursor = 1
    taken = state.take(2)
    assert taken is not None and taken.id == 2
    assert state.cursor == 0 and state.values == MoneyTotals.of([("EUR", 100)])
    assert state.take(42) is None


def test_badges_and_days() -> None:
    assert followup_badge(None, NOW) == ""
    assert followup_badge(NOW - timedelta(days=1), NOW) == "overdue"
    assert followup_badge(NOW + timedelta(hours=2), NOW) == "today"
    assert followup_badge(NOW + timedelta(days=2), NOW) == ""
    assert days_in_stage(row(1, 3), NOW) == 3
