"""The list header's counts (total, overdue) agree with the leads themselves for
every filter shape, whichever query answers them (the unfiltered and stage-only
counts take two index-only queries on SQLite)."""

from __future__ import annotations

from itertools import combinations

from pg_fixtures import both_backends

from leadtui.domain.rows import FollowUpFilter, LeadFilter, LeadRow, LeadSort
from leadtui.domain.timefmt import day_bounds
from leadtui.store import LeadStore


def every_row(store: LeadStore, lead_filter: LeadFilter) -> list[LeadRow]:
    return store.reads.page_list(lead_filter, LeadSort(), 0, 10_000)


@both_backends
def test_counts_match_the_rows_for_every_filter_shape(demo_store: LeadStore) -> None:
    start, _ = day_bounds(demo_store.now())
    stages = [stage.key for stage in demo_store.reads.stages()]
    filters = [
        LeadFilter(),
        *(LeadFilter(stages=pair) for pair in combinations(stages, 2)),
        *(LeadFilter(stages=(key,)) for key in stages),
        LeadFilter(stages=tuple(stages)),
        LeadFilter(followup=FollowUpFilter.OVERDUE),
        LeadFilter(stages=(stages[0],), followup=FollowUpFilter.NONE),
        LeadFilter(search="a"),
    ]
    overdue_seen = 0
    for lead_filter in filters:
        rows = every_row(demo_store, lead_filter)
        overdue = sum(1 for row in rows if row.next_followup_at and row.next_followup_at < start)
        counts = demo_store.reads.count_list(lead_filter)
        assert (counts.total, counts.overdue) == (len(rows), overdue), lead_filter
        overdue_seen += overdue
    assert overdue_seen > 0 and demo_store.reads.count_list(LeadFilter()).total > 10


@both_backends
def test_stage_terms_count_like_their_rows(demo_store: LeadStore) -> None:
    """``stage:`` terms alone are counted from the stage indexes (SQLite): same numbers."""
    from leadtui.domain.filter_query import parse

    start, _ = day_bounds(demo_store.now())
    filters = [
        LeadFilter(query=parse("stage:new")),
        LeadFilter(query=parse("stage:new,contacted")),
        LeadFilter(query=parse("stage:new,contacted stage:contacted")),
        LeadFilter(query=parse("stage:new stage:won")),  # no lead is in both
        LeadFilter(stages=("won", "new"), query=parse("stage:new,lost")),
        LeadFilter(query=parse("-stage:new")),
        LeadFilter(followup=FollowUpFilter.OVERDUE, query=parse("stage:contacted")),
    ]
    for lead_filter in filters:
        rows = every_row(demo_store, lead_filter)
        overdue = sum(1 for row in rows if row.next_followup_at and row.next_followup_at < start)
        counts = demo_store.reads.count_list(lead_filter)
        assert (counts.total, counts.overdue) == (len(rows), overdue), lead_filter
    assert (
        demo_store.reads.count_list(filters[1]).total
        > demo_store.reads.count_list(filters[0]).total
        > 0
    )
