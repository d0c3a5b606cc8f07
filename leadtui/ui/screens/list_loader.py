"""Loading, paging and counting for the lead list, and the header that shows the result.

:class:`ListLoader` is a helper the list screen owns (no inheritance). The first page
is read synchronously (first frame with data); every other load and count runs in an
exclusive thread worker of the screen and is dropped if a newer one started meanwhile.

Typing never waits on a timer: a keystroke loads at once, unless the list's loads are
slow and a page is still being read; then it waits for that page, and only the newest
of the keystrokes typed meanwhile loads (slow queries never queue up behind typing).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from leadtui.domain.errors import ConnectionLost
from leadtui.domain.formatting import describe_filter
from leadtui.domain.rows import LeadCounts, LeadFilter, LeadSort, SortKey
from leadtui.i18n import _, ngettext
from leadtui.ui.keymap import KEYS
from leadtui.ui.screens.lead_pages import PAGE_SIZE, LeadPages
from leadtui.ui.widgets.lead_columns import COLUMNS, SCORE_COLUMN
from leadtui.ui.widgets.list_header import ListHeader

if TYPE_CHECKING:
    from leadtui.ui.screens.list_parts import ListLoaderHost

SLOW_LOAD = 0.025
"""A load (page and count) slower than this makes a keystroke wait for the page in flight."""

SORT_CYCLE: tuple[SortKey, ...] = (
    SortKey.CREATED,
    *(column.key for column in (*COLUMNS, SCORE_COLUMN)),
)
NEWEST_FIRST = {SortKey.CREATED, SortKey.LAST_ACTIVITY, SortKey.VALUE, SortKey.SCORE}
SORT_NAMES: dict[SortKey, str] = {
    SortKey.CREATED: _("created"),
    **{column.key: column.title.lower() for column in (*COLUMNS, SCORE_COLUMN)},
}


def next_sort(sort: LeadSort) -> LeadSort:
    """The sort ``s`` picks after ``sort``: the next column, newest or largest first."""
    key = SORT_CYCLE[(SORT_CYCLE.index(sort.key) + 1) % len(SORT_CYCLE)]
    return LeadSort(key, descending=key in NEWEST_FIRST)


def clicked_sort(sort: LeadSort, key: SortKey) -> LeadSort:
    """A click on ``key``'s header: sort by that column, or flip it if it already is."""
    if key is sort.key:
        return LeadSort(sort.key, not sort.descending)
    return LeadSort(key, descending=key in NEWEST_FIRST)


def empty_text() -> str:
    """What a fresh database shows instead of the table."""
    return _(
        "No leads yet.\n\n"
        "  n                      add a lead here\n"
        "  leadtui import FILE    import a CSV or vCard file (from your shell)\n"
        "  leadtui --demo         try leadtui on demo data"
    )


class ListLoader:
    """The list's pages and counts: what the table and the header show."""

    def __init__(self, screen: ListLoaderHost) -> None:
        self.screen = screen
        self.pages: LeadPages | None = None
        self.counts: LeadCounts | None = None
        self.generation = 0
        self.last_load = 0.0  # seconds the last page read and count took, in the worker
        self.reading: int | None = None
        """The generation whose first page a worker is reading (``None``: none is)."""
        self.queued: QueuedLoad | None = None
        """The newest keystroke's load, waiting for the page in flight."""

    @property
    def up_to_date(self) -> bool:
        """True when the pages and counts answer the screen's current filter and sort."""
        pages = self.pages
        return (
            pages is not None
            and pages.filter == self.screen.filter
            and pages.sort == self.screen.sort
            and self.counts is not None
        )

    def after_typing(self, reload: Callable[[], None]) -> QueuedLoad | None:
        """Run ``reload`` for a keystroke: now, or once the page in flight arrives.

        A quick list answers every keystroke at once; a slow one with a page still being
        read keeps only this newest keystroke's load (returned, so a newer key or Esc can
        drop it) and runs it the moment that page arrives: no idle wait on a timer.
        """
        if self.queued is not None:
            self.queued.stop()
        if self.last_load < SLOW_LOAD or self.reading != self.generation:
            reload()
            return None
        self.queued = QueuedLoad(reload)
        return self.queued

    def _page_arrived(self, generation: int) -> None:
        """The first page of ``generation`` is in (or its read failed): run a queued load."""
        if generation != self.reading:
            return
        self.reading = None
        queued, self.queued = self.queued, None
        if queued is not None:
            queued.run()

    def first_page(self) -> None:
        """Read the first page now, so the first frame has data, and its counts when the
        counters hold them (else they follow from a worker)."""
        screen = self.screen
        pages = LeadPages(
            screen.store.reads.page_list,
            screen.filter,
            screen.sort,
            self._prefetch,
            self._unreachable,
        )
        pages.seed(0, screen.store.reads.page_list(screen.filter, screen.sort, 0, PAGE_SIZE))
        # The counters' counts come with the first frame (~1 ms at any size); a real count
        # (a search or filter) after it: at a million leads it is the slow part, and its
        # worker would compete with the frame, so it runs before the app's background work.
        kept = screen.store.reads.kept_counts(screen.filter)
        self.show(pages, cursor=0)
        if kept is not None:
            self._counted(self.generation, kept)
            return
        start_up = screen.lead_app.start_up
        start_count = partial(self._start_count, self.generation, screen.filter, start_up.hold())
        start_up.once_painted(start_count)

    def show(self, pages: LeadPages, cursor: int | None = None) -> None:
        """Hand ``pages`` to the table (the cursor moves to ``cursor``) and update the header.

        Marks made in another view (before the search or filter changed) are cleared and
        the user told: an action never reaches a marked lead the list no longer shows.
        """
        previous, self.pages = self.pages, pages
        screen = self.screen
        table = screen.table
        if previous is not None and previous.filter != pages.filter and table.marked:
            cleared = len(table.marked)
            table.clear_marks()
            screen.toast(
                ngettext(
                    "{n} mark cleared: the list shows other leads now.",
                    "{n} marks cleared: the list shows other leads now.",
                    cleared,
                ).format(n=cleared)
            )
        table.now = screen.now()
        table.stage_names = {stage.key: stage.shown_name for stage in screen.stage_list}
        table.sort_key, table.sort_descending = screen.sort.key, screen.sort.descending
        table.show(pages, cursor=cursor)
        self.update_header()

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list in a worker, keeping the cursor (or moving it to ``focus_id``)."""
        self.generation += 1
        self.counts = None
        screen = self.screen
        where = screen.table.cursor if cursor is None else cursor
        self.reading = self.generation
        work = partial(self._load, self.generation, screen.filter, screen.sort, where, focus_id)
        screen.screen.run_worker(work, "_load", group="list-load", exclusive=True, thread=True)

    def _load(
        self,
        generation: int,
        lead_filter: LeadFilter,
        sort: LeadSort,
        cursor: int,
        focus_id: int | None,
    ) -> None:
        store, app = self.screen.store, self.screen.screen.app
        began = time.perf_counter()
        pages = LeadPages(
            store.reads.page_list, lead_filter, sort, self._prefetch, self._unreachable
        )
        try:
            pages.seed(0, store.reads.page_list(lead_filter, sort, 0, PAGE_SIZE))
            self.last_load = time.perf_counter() - began
            page = cursor // PAGE_SIZE
            if page and not pages.total_known:
                page_rows = store.reads.page_list(lead_filter, sort, page * PAGE_SIZE, PAGE_SIZE)
                pages.seed(page, page_rows)
        except BaseException:
            # The worker fails (a lost connection shows its banner); a queued keystroke
            # must not wait for a page that never comes.
            with contextlib.suppress(RuntimeError):  # the app may be closing
                app.call_from_thread(self._page_arrived, generation)
            store.release_reader()
            raise
        if focus_id is not None:
            found = pages.index_of(focus_id, near=cursor)
            cursor = cursor if found is None else found
        try:
            app.call_from_thread(self._loaded, generation, pages, cursor)
            if generation == self.generation:  # a newer keystroke makes this count moot
                began = time.perf_counter()
                counts = store.reads.count_list(lead_filter)
                self.last_load += time.perf_counter() - began
                app.call_from_thread(self._counted, generation, counts)
        finally:
            store.release_reader()

    def _unreachable(self, error: ConnectionLost) -> None:
        watch = getattr(self.screen.screen.app, "connection", None)
        if watch is not None:
            watch.lost(error)

    def _prefetch(self, pages: LeadPages, page: int) -> None:
        work = partial(self._read_ahead, pages, page)
        self.screen.screen.run_worker(work, "_prefetch", group="list-prefetch", thread=True)

    def _read_ahead(self, pages: LeadPages, page: int) -> None:
        try:
            rows = pages.fetch_page(page)
        finally:
            self.screen.store.release_reader()
        self.screen.screen.app.call_from_thread(pages.keep_prefetched, page, rows)

    def _app_closing(self) -> bool:
        # A worker's result can arrive while the app shuts down and removes the screen's
        # widgets one by one (seen: the table still there, the header gone).
        return not self.screen.screen.app.is_running

    def _loaded(self, generation: int, pages: LeadPages, cursor: int) -> None:
        if self._app_closing():
            return
        if generation == self.generation:
            self.show(pages, cursor=cursor)
        self._page_arrived(generation)

    def _start_count(
        self, generation: int, lead_filter: LeadFilter, done: Callable[[], None]
    ) -> None:
        work = partial(self._count, generation, lead_filter, done)
        self.screen.screen.run_worker(
            work, "_count", group="list-count", exclusive=True, thread=True
        )

    def _count(self, generation: int, lead_filter: LeadFilter, done: Callable[[], None]) -> None:
        store, app = self.screen.store, self.screen.screen.app
        try:
            try:
                counts = store.reads.count_list(lead_filter)
            finally:
                store.release_reader()
            app.call_from_thread(self._counted, generation, counts)
        finally:  # shown or failed: the app's background work need not wait any more
            with contextlib.suppress(RuntimeError):  # the app may be closing
                app.call_from_thread(done)

    def _counted(self, generation: int, counts: LeadCounts) -> None:
        if generation != self.generation or self.pages is None or self._app_closing():
            return
        self.counts = counts
        self.pages.set_total(counts.total)
        self.screen.table.total_changed()
        self.update_header()

    def neighbour(self, lead_id: int, step: int) -> int | None:
        """The lead ``step`` rows away from ``lead_id`` in the list (the cursor follows)."""
        table = self.screen.table
        if self.pages is None:
            return None
        current = table.current_row
        index = (
            table.cursor
            if current is not None and current.id == lead_id
            else self.pages.index_of(lead_id, near=table.cursor)
        )
        if index is None:
            return None
        row = self.pages.row(index + step)
        if row is None:
            return None
        table.move_cursor(index + step)
        return row.id

    def update_header(self) -> None:
        """Counts, filter, sort and marks in the header; the empty text when nothing matches."""
        screen = self.screen
        names = {stage.key: stage.name for stage in screen.stage_list}
        sort = SORT_NAMES[screen.sort.key] + (" ↓" if screen.sort.descending else " ↑")
        screen.screen.query_one(ListHeader).show(
            self.counts,
            filter_text=describe_filter(screen.filter, names),
            sort_text=sort,
            marked=len(screen.table.marked),
        )
        total = self.pages.total if self.pages is not None else 0
        known = self.pages is not None and self.pages.total_known
        empty = screen.screen.query_one("#empty", Static)
        if known and total == 0:
            empty.update(
                Content(
                    empty_text()
                    if screen.filter.is_empty
                    else _(
                        "No lead matches. Esc clears the search, {key} changes the filter."
                    ).format(key=KEYS["filter"].keys)
                )
            )
        empty.set_class(not (known and total == 0), "hidden")
        screen.table.set_class(known and total == 0, "hidden")


class QueuedLoad:
    """A keystroke's load waiting for the page in flight; :meth:`stop` drops it."""

    def __init__(self, load: Callable[[], None]) -> None:
        self._load: Callable[[], None] | None = load

    def stop(self) -> None:
        """Drop the load (a newer keystroke, Esc or a view replaced it)."""
        self._load = None

    def run(self) -> None:
        """Load now, unless stopped."""
        load, self._load = self._load, None
        if load is not None:
            load()
