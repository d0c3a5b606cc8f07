"""The board's columns: their first pages, more pages and header totals from the store.

Plain functions the board screen calls; the screen decides when (and in which worker).
Also what a column shows once they are read (totals) and folding Won and Lost.
"""

from __future__ import annotations

from datetime import datetime

from leadtui.domain.board_state import PAGE_SIZE
from leadtui.domain.money import MoneyTotals
from leadtui.domain.record_fields import replace
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


def show_totals(columns: list[StageColumn], totals: Totals) -> None:
    """Put each column's header count and value from ``totals``, and repaint it."""
    by_key = {key: (count, value) for key, count, value in totals}
    for column in columns:
        state = column.state
        state.total, state.values = by_key.get(state.stage.key, (0, None))
        if state.values is None and state.complete:
            # Searching or filtering: every matching card is loaded, so its total is too.
            state.values = MoneyTotals.of((row.currency, row.value_cents) for row in state.cards)
        column.refresh()


def fold_closed(columns: list[StageColumn]) -> None:
    """Fold the Won and Lost columns, or unfold them when they are folded."""
    closed = [c for c in columns if c.state.stage.kind != "open"]
    fold = not (closed and closed[0].collapsed)
    for column in closed:
        column.collapsed = fold
        column.set_class(fold, "-collapsed")
        column.refresh()
