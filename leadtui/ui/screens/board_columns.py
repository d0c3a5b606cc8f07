"""Reading the board's columns from the store: first pages, more pages, header totals.

Plain functions the board screen calls; the screen decides when (and in which worker).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from leadtui.domain.board_state import PAGE_SIZE
from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import LeadFilter, LeadSort, SortKey
from leadtui.store import LeadStore
from leadtui.ui.widgets.stage_column import StageColumn

BOARD_SORT = LeadSort(SortKey.CREATED, descending=True)
"""Cards newest first: served by the (stage, created_at, id) index."""
LOOKAHEAD = 6
"""Load the next page when the cursor gets this close to the last loaded card."""

Totals = list[tuple[str, int, MoneyTotals | None]]
"""(stage key, leads, value in cents or ``None`` when filtered) per column."""


def column_filter(board_filter: LeadFilter, key: str) -> LeadFilter:
    """The board filter narrowed to one stage."""
    return replace(board_filter, stages=(key,))


def refill(
    column: StageColumn, store: LeadStore, board_filter: LeadFilter, now: datetime, keep: int | None
) -> None:
    """Re-read the first page of ``column``; the cursor stays on lead ``keep`` when it is there."""
    state = column.state
    rows = store.reads.page_list(
        column_filter(board_filter, state.stage.key), BOARD_SORT, 0, PAGE_SIZE
    )
    state.reset(rows, PAGE_SIZE)
    state.total = len(rows) if state.complete else None
    state.values = None
    column.now = now
    if keep is not None and (index := state.index_of(keep)) is not None:
        state.cursor = index
    column.update_size()
    column.refresh()


def load_more(column: StageColumn, store: LeadStore, board_filter: LeadFilter) -> None:
    """Read the next page of ``column`` when its cursor nears the last loaded card."""
    state = column.state
    if state.complete or state.cursor < len(state.cards) - LOOKAHEAD:
        return
    rows = store.reads.page_list(
        column_filter(board_filter, state.stage.key),
        BOARD_SORT,
        state.next_offset,
        PAGE_SIZE,
        total=state.total,
    )
    state.add_page(rows, PAGE_SIZE)
    column.update_size()
    column.refresh()


def read_totals(store: LeadStore, columns: list[StageColumn], board_filter: LeadFilter) -> Totals:
    """Every column's header numbers (slow at a million leads: call it in a worker)."""
    if board_filter.is_empty:
        return [(t.stage.key, t.count, t.values) for t in store.reads.stage_totals()]
    return [
        (
            c.state.stage.key,
            store.reads.count_list(column_filter(board_filter, c.state.stage.key)).total,
            None,
        )
        for c in columns
    ]
