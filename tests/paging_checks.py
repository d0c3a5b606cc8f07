"""One check for every sort test: pages of any size, read from either end, join up."""

from __future__ import annotations

from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.store import LeadStore


def assert_pages_join_up(
    store: LeadStore,
    lead_filter: LeadFilter,
    sort: LeadSort,
    expected: list[int],
    sizes: tuple[int, ...] = (1, 37, 100),
) -> None:
    """Paging through ``sort`` gives the ids ``expected``, in order, at every page size."""
    page_list = store.reads.page_list
    for size in sizes:
        starts = range(0, len(expected), size)
        forward = [row.id for at in starts for row in page_list(lead_filter, sort, at, size)]
        assert forward == expected, size
        # Pages in the far half are read from the other end once the total is known.
        total = len(expected)
        known = [row.id for at in starts for row in page_list(lead_filter, sort, at, size, total)]
        assert known == expected, size
    assert page_list(lead_filter, sort, len(expected), 10) == []
