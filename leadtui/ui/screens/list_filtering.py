"""The lead list's search box, filter dialog and saved views (a helper the screen owns).

Typing in the box reads it as the filter language (an error shows in the hint and the
list keeps its results); a view puts its filter text in the box and its sort on the
list; the dialog builds the same filter from choices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from leadtui.domain.filter_query import FilterQuery
from leadtui.domain.filter_query_lead import filter_text
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadFilter, LeadSort, StageInfo
from leadtui.ui.screens.filter_typing import learn_vocabulary, read_box
from leadtui.ui.widgets.filter_box import FilterHint, FilterInput

if TYPE_CHECKING:
    from textual.app import App

    from leadtui.store import LeadStore
    from leadtui.store.views import SavedViewRow


class PendingLoad(Protocol):
    """A keystroke's load that has not run yet."""

    def stop(self) -> None:
        """Drop it."""
        ...


class FilterHost(Protocol):
    """What the filtering uses of the list screen (importing it would be a cycle)."""

    filter: LeadFilter
    sort: LeadSort
    stage_list: list[StageInfo]

    @property
    def app(self) -> App[Any]:
        """The running app."""
        ...

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list."""
        ...


class ListFiltering:
    """Search, filter and views of the lead list; ``pending`` is a keystroke's load not run yet."""

    def __init__(
        self,
        host: FilterHost,
        box: Callable[[], FilterInput],
        hint: Callable[[], FilterHint],
        focus_table: Callable[[], None],
        after_typing: Callable[[Callable[[], None]], PendingLoad | None],
    ) -> None:
        self.host = host
        self.box, self.hint, self.focus_table = box, hint, focus_table
        self.after_typing = after_typing
        self.pending: PendingLoad | None = None

    def _stop_pending(self) -> None:
        if self.pending is not None:
            self.pending.stop()
            self.pending = None

    def search(self) -> None:
        """Focus the box (it learns the stages and tags to check against)."""
        box = self.box()
        learn_vocabulary(box, self.host.store)
        box.focus()

    def typed(self) -> None:
        """The box changed: a new filter loads now, or once the page in flight arrives."""
        host = self.host
        query = read_box(self.box(), self.hint())
        if query is None:
            return  # the hint says what is wrong; the list keeps its results
        new = replace(host.filter, search="", query=query)
        if new == host.filter:
            return
        host.filter = new
        self._stop_pending()
        self.pending = self.after_typing(lambda: host.reload(cursor=0))

    def clear_search(self) -> None:
        """Esc: drop the search text and hide the box."""
        host = self.host
        had_search = bool(host.filter.search) or not host.filter.query.is_empty
        self.box().value = ""
        self.hint().clear()
        self.focus_table()
        self._stop_pending()
        if had_search:
            host.filter = replace(host.filter, search="", query=FilterQuery())
            host.reload(cursor=0)

    def clear_filter(self) -> None:
        """Show every lead again."""
        self.box().value = ""
        self.hint().clear()
        self.host.filter = LeadFilter()
        self.host.reload(cursor=0)

    def views(self) -> None:
        """Open a saved view, or save this filter and sort as one."""
        from leadtui.ui.screens.view_picker import open_views

        host = self.host
        open_views(host, filter_text(host.filter), host.sort, self.apply_view)

    def apply_view(self, view: SavedViewRow) -> None:
        """Show the view: its filter in the search box, its sort."""
        host, box = self.host, self.box()
        learn_vocabulary(box, host.store)
        host.filter = LeadFilter()
        host.sort = view.sort
        box.value = view.filter_text
        self._stop_pending()
        query = read_box(box, self.hint())
        host.filter = LeadFilter(query=query or FilterQuery())
        host.reload(cursor=0)

    def dialog(self) -> None:
        """Open the filter dialog."""
        from leadtui.ui.screens.filter_dialog import FilterScreen

        host = self.host

        def chosen(new: LeadFilter | None) -> None:
            if new is not None and new != host.filter:
                host.filter = new
                host.reload(cursor=0)

        host.app.push_screen(
            FilterScreen(host.filter, host.stage_list, host.store.reads.all_tags()), chosen
        )
