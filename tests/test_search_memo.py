"""A search's count after its page: the page's one pass over the hits counts them too
(SQLite keeps those counts for the count that follows), and the count must still be
what a fresh count finds after a write, on another day, or for another filter."""

from __future__ import annotations

from datetime import timedelta

from pg_fixtures import both_backends

from leadtui.domain.filter_query import parse
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadCounts, LeadFilter, LeadInput, LeadSort, SortKey
from leadtui.domain.timefmt import day_bounds
from leadtui.storage.sqlite import list_queries
from leadtui.store import LeadStore


def rows_count(store: LeadStore, lead_filter: LeadFilter) -> tuple[int, int]:
    """Total and overdue counted from every row of the search (a large page)."""
    start, _ = day_bounds(store.now())
    rows = store.reads.page_list(lead_filter, LeadSort(), 0, 20_000)
    late = sum(1 for row in rows if row.next_followup_at and row.next_followup_at < start)
    return len(rows), late


@both_backends
def test_a_count_after_any_page_is_the_count_of_its_rows(demo_store: LeadStore) -> None:
    filters = [
        LeadFilter(search="a"),
        LeadFilter(search="mar"),
        LeadFilter(search="zzzz-nobody"),
        LeadFilter(query=parse("a due:overdue")),
        LeadFilter(query=parse("e -stage:won")),
    ]
    for lead_filter in filters:
        expected = rows_count(demo_store, lead_filter)
        for sort in (LeadSort(), LeadSort(SortKey.NAME), LeadSort(SortKey.STAGE, True)):
            for offset in (0, 3, 10_000):
                demo_store.reads.page_list(lead_filter, sort, offset, 5)
                counts = demo_store.reads.count_list(lead_filter)
                assert (counts.total, counts.overdue) == expected, (lead_filter, sort, offset)


@both_backends
def test_a_write_between_page_and_count_is_counted(demo_store: LeadStore) -> None:
    searched = LeadFilter(search="Zebedeo")
    assert demo_store.reads.page_list(searched, LeadSort(), 0, 50) == []
    assert demo_store.reads.count_list(searched) == LeadCounts(0, 0)
    demo_store.reads.page_list(searched, LeadSort(), 0, 50)
    made = demo_store.leads.add_lead(LeadInput(first_name="Zebedeo", company="Memo SL")).id
    assert made is not None
    assert demo_store.reads.count_list(searched) == LeadCounts(1, 0)
    demo_store.reads.page_list(searched, LeadSort(), 0, 50)
    demo_store.leads.delete_lead(made)
    assert demo_store.reads.count_list(searched) == LeadCounts(0, 0)


@both_backends
def test_the_count_of_another_filter_is_its_own(demo_store: LeadStore) -> None:
    first, second = LeadFilter(search="a"), LeadFilter(search="e")
    demo_store.reads.page_list(first, LeadSort(), 0, 5)
    assert demo_store.reads.count_list(second).total == rows_count(demo_store, second)[0]
    assert rows_count(demo_store, first) != rows_count(demo_store, second)


def test_counts_from_another_day_are_not_reused(demo_store: LeadStore) -> None:
    """Overdue depends on the day: the page's counts answer only its own day."""
    conn = demo_store.backend.reader()  # type: ignore[attr-defined]
    searched = LeadFilter(search="a")
    today = demo_store.now()
    later = today + timedelta(days=40)
    _rows, memo = list_queries.page_list(conn, searched, LeadSort(), today, 0, 5)
    assert memo is not None
    assert list_queries.count_list(conn, searched, today, memo) is memo.counts
    fresh_later = list_queries.count_list(conn, searched, later)
    assert fresh_later.overdue > memo.counts.overdue  # everything due in 40 days is late then
    assert list_queries.count_list(conn, searched, later, memo) == fresh_later
    assert list_queries.count_list(conn, replace(searched, search="e"), today, memo) != (
        memo.counts
    )
