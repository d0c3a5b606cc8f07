"""The board's search box, tag/source/follow-up filter and metrics panel.

:class:`BoardSearch` is a helper the board screen owns (no inheritance); the screen
builds the columns and moves the cursor, and re-reads the columns in ``reload()``.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Footer, Static

from leadtui.domain.filter_query import FilterQuery, render
from leadtui.domain.formatting import FOLLOWUP_WORDS
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import FollowUpFilter, LeadFilter
from leadtui.domain.sources import source_label
from leadtui.i18n import _
from leadtui.ui.screens.board_metrics import BoardMetrics
from leadtui.ui.screens.board_parts import BoardSearchHost
from leadtui.ui.screens.filter_typing import learn_vocabulary, read_box
from leadtui.ui.widgets.filter_box import FilterHint, FilterInput
from leadtui.ui.widgets.metrics_panel import MetricsPanel


class BoardSearch:
    """Search, filter and metrics for the board screen."""

    def __init__(self, board: BoardSearchHost) -> None:
        self.board = board
        self.board_filter = LeadFilter()
        self._search_timer: Timer | None = None
        self.applied_text = ""
        """The search box text the columns answer (or that did not read: nothing to apply)."""
        self.metrics = BoardMetrics(board)

    # -- filtering ------------------------------------------------------------------

    def show_filter(self) -> None:
        """Say above the columns what the board is filtered by (hidden when nothing)."""
        label = self.board.screen.query_one("#board-filter", Static)
        parts: list[str] = []
        f = self.board_filter
        if f.search.strip():
            parts.append(_("“{text}”").format(text=f.search.strip()))
        if not f.query.is_empty:
            parts.append(_("“{text}”").format(text=render(f.query)))
        parts += [source_label(source) for source in f.sources]
        parts += [f"#{tag}" for tag in f.tags]
        if f.followup is not FollowUpFilter.ANY:
            when = _(FOLLOWUP_WORDS.get(f.followup, f.followup.value.replace("_", " ")))
            parts.append(_("follow-up: {when}").format(when=when))
        label.display = bool(parts)
        label.update(
            Text(_("Filtered by {filter}").format(filter=" · ".join(parts)), style="italic")
        )

    async def action_search(self) -> None:
        """Show the search box (built on first use: Input's CSS stays off the first frame)."""
        found = self.board.screen.query("#board-search")
        if found:
            search = cast(FilterInput, found.first())
        else:
            search = FilterInput(
                placeholder=_("Search or filter: tag:vip due:overdue score>40 (Tab completes)"),
                id="board-search",
            )
            before = self.board.screen.query_one("#board-filter")
            await self.board.screen.mount(search, before=before)
            await self.board.screen.mount(FilterHint(id="board-search-hint"), before=before)
        learn_vocabulary(search, self.board.store)
        search.display = True
        search.can_focus = True
        search.focus()

    def search_box(self) -> FilterInput | None:
        """The search box, once it was built."""
        found = self.board.screen.query("#board-search")
        return cast(FilterInput, found.first()) if found else None

    def hint(self) -> FilterHint | None:
        """The line under the search box, once it was built."""
        found = self.board.screen.query("#board-search-hint")
        return cast(FilterHint, found.first()) if found else None

    def search_changed(self) -> None:
        """The search box changed: apply it after a short pause in typing."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.board.screen.set_timer(0.15, self._apply_search)

    def _apply_search(self, *, force: bool = False) -> None:
        search, hint = self.search_box(), self.hint()
        text = "" if search is None else search.value
        if text == self.applied_text and not force:
            return
        self.applied_text = text
        query = FilterQuery() if search is None or hint is None else read_box(search, hint)
        if query is None:
            return  # the hint says what is wrong; the columns keep their cards
        self.board_filter = replace(self.board_filter, search="", query=query)
        self.board.reload()
        self.refresh_metrics()

    def apply_text(self, text: str) -> None:
        """Show ``text`` in the search box and the columns it filters (a saved view)."""
        search = self.search_box()
        if search is not None:
            search.value = text
            search.display = bool(text)
            if self._search_timer is not None:
                self._search_timer.stop()
        self.board_filter = LeadFilter()  # a view replaces the dialog's choices too
        self._apply_search(force=True)

    def _hide_search(self, search: FilterInput, *, keep: bool) -> None:
        search.display = keep
        search.can_focus = False  # the board's keys must not land in a hidden box
        self.board.screen.set_focus(None)

    def search_submitted(self) -> None:
        """Enter in the search box: apply it now and give the keys back to the board."""
        self._apply_search()
        search = self.search_box()
        if search is not None:
            self._hide_search(search, keep=bool(search.value))

    def action_clear_search(self) -> None:
        """Empty and hide the search box."""
        search = self.search_box()
        if search is None:
            return
        search.value = ""
        hint = self.hint()
        if hint is not None:
            hint.clear()
        self._hide_search(search, keep=False)
        self._apply_search()

    def action_filter(self) -> None:
        """Filter by tag, source or follow-up (the list's filter dialog; stages are columns)."""
        from leadtui.ui.screens.filter_dialog import FilterScreen

        def chosen(result: LeadFilter | None) -> None:
            if result is not None:
                self.board_filter = replace(result, stages=(), search=self.board_filter.search)
                self.board.reload()
                self.refresh_metrics()

        self.board.screen.app.push_screen(
            FilterScreen(
                self.board_filter,
                self.board.store.reads.stages(),
                self.board.store.reads.all_tags(),
                show_stages=False,
            ),
            chosen,
        )

    # -- metrics ------------------------------------------------------------------

    async def action_metrics(self) -> None:
        """Show or hide the funnel metrics panel (built the first time it is asked for)."""
        panels = self.board.screen.query(MetricsPanel)
        if not panels:
            await self.board.screen.mount(
                MetricsPanel(id="board-metrics"), before=self.board.screen.query_one(Footer)
            )
            self.refresh_metrics()
            return
        panel = panels.first()
        panel.display = not panel.display
        self.refresh_metrics()

    def refresh_metrics(self) -> None:
        """Recompute the panel's numbers in a worker when it is open, for the board's filter
        (a newer request stops a segment still being counted)."""
        panels = self.board.screen.query(MetricsPanel)
        if panels and panels.first().display:
            self.metrics.refresh(self.board_filter)

    @property
    def metrics_running(self) -> bool:
        """True while the panel's numbers are on their way."""
        return self.metrics.running > 0

    def action_metrics_view(self) -> None:
        """Cycle the open panel through funnel, by source, by month."""
        panels = self.board.screen.query(MetricsPanel)
        if panels and panels.first().display:
            panels.first().cycle_view()
