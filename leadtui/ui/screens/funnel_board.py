"""The funnel board (mode "board"): one Line-API column per stage, all keyboard.

The screen is the controller: it pages each column from the store, keeps the
header counts (one ``stage_totals()`` in a worker at start, then ±1 per move),
and hands the data to :class:`~leadtui.ui.widgets.stage_column.StageColumn`.
Reading a column is in :mod:`~leadtui.ui.screens.board_columns`.
Two helpers it owns do the rest (composition, no inheritance chain): stage moves,
won/lost, undo, open and new in :class:`~leadtui.ui.screens.board_moves.BoardMoves`;
search, filter and metrics in :class:`~leadtui.ui.screens.board_search.BoardSearch`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Static

from leadtui.domain.board_state import ColumnState
from leadtui.domain.errors import ConnectionLost
from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import LeadFilter, StageTotal
from leadtui.i18n import N_, _
from leadtui.ui.keymap import bind
from leadtui.ui.screens import board_columns
from leadtui.ui.screens.base import StoreScreen, survives_outage
from leadtui.ui.screens.board_moves import BoardMoves
from leadtui.ui.screens.board_search import BoardSearch
from leadtui.ui.widgets.filter_box import FilterInput
from leadtui.ui.widgets.stage_column import StageColumn

if TYPE_CHECKING:
    from textual.command import Provider


def _commands() -> type[Provider]:
    from leadtui.ui.screens.board_commands import BoardCommands  # textual.command is heavy

    return BoardCommands


class FunnelBoardScreen(StoreScreen[None]):
    """One column per stage; Won and Lost at the end, collapsible."""

    TITLE = _("Board")
    COMMANDS = {_commands}
    AUTO_FOCUS = None  # the keys belong to the board, not to the search box
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("board", "left", show=False),
        bind("board", "right", show=False),
        bind("board", "down", "card(1)", description=N_("Next card"), show=False),
        bind("board", "up", "card(-1)", description=N_("Previous card"), show=False),
        bind("board", "open"),
        bind("board", "previous_stage", "move(-1)", description=N_("Move ←"), show=False),
        bind("board", "next_stage", "move(1)", description=N_("Move →")),
        bind("board", "won"),
        bind("board", "lost"),
        bind("board", "search", show=False),
        bind("board", "filter", show=False),
        bind("board", "new", show=False),
        bind("board", "undo"),
        bind("board", "collapse", show=False),
        bind("board", "metrics", show=False),
        bind("board", "metrics_view", show=False),
        bind("board", "list", "list", show=False),
        bind("board", "agenda", show=False),
        bind("board", "quit", show=False),
        bind("board", "views", show=False),
        bind("board", "clear_search", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.columns: list[StageColumn] = []
        self.current = 0
        self._generation = 0
        self.reload_on_resume = False
        self.moves = BoardMoves(self)
        self.finder = BoardSearch(self)

    @property
    def board_filter(self) -> LeadFilter:
        """The search and tag/source/follow-up filter the columns answer."""
        return self.finder.board_filter

    # -- actions (the helpers do the work) ------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the focused lead one stage left or right."""
        self.moves.action_move(step)

    def action_won(self) -> None:
        """Mark the focused lead won (undo with u)."""
        self.moves.action_won()

    def action_lost(self) -> None:
        """Ask why, then mark the focused lead lost."""
        self.moves.action_lost()

    def action_undo(self) -> None:
        """Undo the last action (moves made here, or anything else in the app history)."""
        self.moves.action_undo()

    def action_open(self) -> None:
        """Open the focused lead's detail."""
        self.moves.action_open()

    def action_new(self) -> None:
        """Add a lead straight into the focused column."""
        self.moves.action_new()

    async def action_search(self) -> None:
        """Show the search box."""
        await self.finder.action_search()

    def action_clear_search(self) -> None:
        """Empty and hide the search box."""
        self.finder.action_clear_search()

    def action_filter(self) -> None:
        """Filter by tag, source or follow-up."""
        self.finder.action_filter()

    async def action_metrics(self) -> None:
        """Show or hide the funnel metrics panel."""
        await self.finder.action_metrics()

    def action_metrics_view(self) -> None:
        """Cycle the metrics panel: funnel, by source, by month."""
        self.finder.action_metrics_view()

    def refresh_metrics(self) -> None:
        """Recompute the metrics panel if it is open."""
        self.finder.refresh_metrics()

    @on(Input.Changed, "#board-search")
    def _search_changed(self) -> None:
        self.finder.search_changed()

    def on_filter_input_completed(self, event: FilterInput.Completed) -> None:
        """Tab found several candidates: list them under the box."""
        hint = self.finder.hint()
        if hint is not None and event.candidates:
            hint.show_candidates(event.candidates)

    async def action_views(self) -> None:
        """Open a saved view (its filter; the board keeps its own order), or save this filter."""
        from leadtui.domain.filter_query_lead import filter_text
        from leadtui.domain.rows import LeadSort
        from leadtui.store.views import SavedViewRow
        from leadtui.ui.screens.view_picker import open_views

        async def show(text: str) -> None:
            await self.finder.action_search()
            self.finder.apply_text(text)
            if not text:
                self.finder.action_clear_search()

        def apply(view: SavedViewRow) -> None:
            self.call_later(show, view.filter_text)

        open_views(self, filter_text(self.board_filter), LeadSort(), apply)

    @on(Input.Submitted, "#board-search")
    def _search_submitted(self) -> None:
        self.finder.search_submitted()

    # -- building -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        now = self.now()
        try:
            stages = self.store.reads.stages()
        except ConnectionLost as error:  # built again when the server is back
            stages = []
            self.connection_lost(error, first_read=True)
        self.columns = [
            StageColumn(ColumnState(stage), now, id=f"column-{stage.key}") for stage in stages
        ]
        yield Header()
        yield Static(id="board-filter")
        with Horizontal(id="board-columns"):
            yield from self.columns
        yield Footer()

    @survives_outage(first_read=True)
    def on_mount(self) -> None:
        """Fill the first page of every column; counts come from a worker."""
        if not self.read_missed:
            self.reload()

    def column_filter(self, key: str) -> LeadFilter:
        """The board filter narrowed to one stage."""
        return board_columns.column_filter(self.board_filter, key)

    def reload(self, keep: int | None = None) -> None:
        """Re-read the first page of each column (after a filter or an outside change)."""
        self._generation += 1
        now = self.now()
        for column in self.columns:
            board_columns.refill(column, self.store, self.board_filter, now, keep)
        self.finder.show_filter()
        self.set_active(self.current)
        self._load_totals(self._generation, self.board_filter)

    @work(thread=True, exclusive=True, group="board-totals")
    def _load_totals(self, generation: int, board_filter: LeadFilter) -> None:
        try:
            totals = board_columns.read_totals(self.store, self.columns, board_filter)
        finally:
            self.store.release_reader()  # each worker thread opened its own connection
        self.app.call_from_thread(self._apply_totals, generation, totals)

    def _apply_totals(self, generation: int, totals: board_columns.Totals) -> None:
        if generation == self._generation:
            board_columns.show_totals(self.columns, totals)

    @property
    def up_to_date(self) -> bool:
        """True when every column, header total and the metrics answer the current search.

        False while a search waits on its debounce, totals or metrics are on their way,
        or a write is.
        """
        search = self.finder.search_box()
        typed = self.finder.applied_text if search is None else search.value
        return (
            typed == self.finder.applied_text
            and all(column.state.total is not None for column in self.columns)
            and not self.finder.metrics_running
            and self.writes_idle
        )

    def stage_totals(self) -> list[StageTotal]:
        """The header numbers as the board holds them now (for tests and the panel)."""
        return [
            StageTotal(c.state.stage, c.state.total or 0, c.state.values or MoneyTotals())
            for c in self.columns
        ]

    # -- navigation -----------------------------------------------------------------

    @property
    def column(self) -> StageColumn:
        """The column with the cursor."""
        return self.columns[self.current]

    def set_active(self, index: int) -> None:
        """Put the cursor in the column at ``index`` (repaints the columns that change)."""
        for position, column in enumerate(self.columns):
            active = position == index
            if column.active != active:
                column.active = active
                column.refresh_header()
                column.refresh_card(column.state.cursor)
        self.current = index

    def action_column(self, step: int) -> None:
        """Go to the next visible column left or right."""
        index = self.current + step
        while 0 <= index < len(self.columns) and self.columns[index].collapsed:
            index += step
        if 0 <= index < len(self.columns):
            self.set_active(index)
            self.column.show_cursor()

    def action_card(self, step: int) -> None:
        """Move the cursor to the card above or below."""
        column = self.column
        state = column.state
        old = state.cursor
        state.cursor = max(0, min(old + step, len(state.cards) - 1))
        if state.cursor == old:
            return
        column.refresh_card(old)
        column.refresh_card(state.cursor)
        column.show_cursor()
        board_columns.load_more(column, self.store, self.board_filter)

    @on(StageColumn.CardClicked)
    def _clicked(self, event: StageColumn.CardClicked) -> None:
        for index, column in enumerate(self.columns):
            if column.state.stage.key == event.stage:
                column.state.cursor = event.index
                self.set_active(index)
                column.refresh()

    def action_collapse(self) -> None:
        """Fold or unfold the Won and Lost columns."""
        board_columns.fold_closed(self.columns)
        if self.column.collapsed:
            opened = [i for i, c in enumerate(self.columns) if not c.collapsed]
            self.set_active(opened[-1] if opened else 0)

    def action_list(self) -> None:
        """Back to the lead list."""
        self.reload_on_resume = True
        self.app.switch_mode("leads")

    def colleague_changed(self) -> None:
        """Someone else changed leads: re-read the columns, the same card kept current."""
        current = self.column.state.current
        self.reload(keep=None if current is None else current.id)

    @survives_outage(first_read=False)
    async def on_screen_resume(self) -> None:
        """Coming back from the list or the detail: the leads (or stages) may have changed."""
        if [column.state.stage for column in self.columns] != self.store.reads.stages():
            from leadtui.ui.screens.board_rebuild import rebuild_columns

            await rebuild_columns(self)
            return
        if self.reload_on_resume:
            self.reload_on_resume = False
            current = self.column.state.current
            self.reload(keep=None if current is None else current.id)
