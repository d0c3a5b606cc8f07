"""LeadPages: the small page cache the list screen feeds to its LeadTable.

Holds at most a few pages of rows of one filter and sort, fetched from the
store on demand (deep pages walk from the nearer end once the total is known).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from leadtui.domain.errors import ConnectionLost
from leadtui.domain.rows import LeadFilter, LeadRow, LeadSort

PAGE_SIZE = 100
MAX_PAGES = 8

PREFETCH_MARGIN = 40
"""A page's neighbour is read ahead (off the UI thread) when a row this close to it is shown."""

PageFetch = Callable[[LeadFilter, LeadSort, int, int, "int | None"], list[LeadRow]]
"""``store.reads.page_list``: (filter, sort, offset, limit, total) -> rows."""


class LeadPages:
    """Rows of one filter and sort, a page at a time (implements the table's RowSource)."""

    def __init__(
        self,
        fetch: PageFetch,
        lead_filter: LeadFilter,
        sort: LeadSort,
        prefetch: Callable[[LeadPages, int], object] | None = None,
        on_unreachable: Callable[[ConnectionLost], object] | None = None,
    ) -> None:
        self._fetch = fetch
        self._on_unreachable = on_unreachable
        self._prefetch = prefetch
        self._asked: set[int] = set()
        self.filter = lead_filter
        self.sort = sort
        self._pages: OrderedDict[int, list[LeadRow]] = OrderedDict()
        self._total = 0
        self.total_known = False

    @property
    def total(self) -> int:
        """Rows in the list (a lower bound until :attr:`total_known`)."""
        return self._total

    def set_total(self, total: int) -> None:
        """The exact count arrived."""
        self._total, self.total_known = total, True

    def seed(self, page: int, rows: list[LeadRow]) -> None:
        """Store a page fetched elsewhere (a worker); grows a provisional total."""
        self._keep(page, rows)
        if len(rows) < PAGE_SIZE and (rows or page == 0):
            self.set_total(page * PAGE_SIZE + len(rows))
        elif not self.total_known:
            self._total = max(self._total, page * PAGE_SIZE + len(rows))

    def _keep(self, page: int, rows: list[LeadRow]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def row(self, index: int) -> LeadRow | None:
        """The row at ``index``; fetches its page when it is not cached."""
        if not 0 <= index < self._total:
            return None
        page, at = divmod(index, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            try:
                rows = self.fetch_page(page)
            except ConnectionLost as error:
                if self._on_unreachable is None:
                    raise
                self._on_unreachable(error)  # a blank row until the list is read again
                return None
            self._keep(page, rows)
        else:
            self._pages.move_to_end(page)
        if self._prefetch is not None:
            near = (
                page + 1
                if at >= PAGE_SIZE - PREFETCH_MARGIN
                else page - 1
                if (at < PREFETCH_MARGIN)
                else None
            )
            if (
                near is not None
                and near >= 0
                and near * PAGE_SIZE < self._total
                and (near not in self._pages and near not in self._asked)
            ):
                self._asked.add(near)
                self._prefetch(self, near)
        return rows[at] if at < len(rows) else None

    def fetch_page(self, page: int) -> list[LeadRow]:
        """Read one page (safe in a worker thread: it touches no cache state)."""
        return self._fetch(
            self.filter,
            self.sort,
            page * PAGE_SIZE,
            PAGE_SIZE,
            self._total if self.total_known else None,
        )

    def keep_prefetched(self, page: int, rows: list[LeadRow]) -> None:
        """Store a page read ahead by a worker (on the UI thread)."""
        self._asked.discard(page)
        if page not in self._pages:
            self._keep(page, rows)

    def replace_row(self, index: int, row: LeadRow) -> None:
        """Put fresh data for one row in the cache (after a write)."""
        rows = self._pages.get(index // PAGE_SIZE)
        if rows is not None and index % PAGE_SIZE < len(rows):
            rows[index % PAGE_SIZE] = row

    def index_of(self, lead_id: int, near: int = 0) -> int | None:
        """Where ``lead_id`` sits among the cached pages (nearest to ``near``), if loaded."""
        found = [
            page * PAGE_SIZE + at
            for page, rows in self._pages.items()
            for at, row in enumerate(rows)
            if row.id == lead_id
        ]
        return min(found, key=lambda index: abs(index - near)) if found else None

    def cached_pages(self) -> dict[int, list[LeadRow]]:
        """The pages held now (for tests and the benchmark)."""
        return dict(self._pages)
