"""Every shape the SQLite count of a filter can take gives the Python filter's numbers.

``storage.sqlite.filter_counts`` counts the overdue leads of a filter one of three ways
(one index, one pass over the matching rows, or the matches probed against the overdue
ids) and the stage-only path takes ``-stage:`` terms as the other stages. The small test
data would never reach the probe, so each test forces the shape it checks; on PostgreSQL
the patch changes nothing and the same numbers are checked there too.
"""

from __future__ import annotations

import pytest
from filter_strategies import queries
from hypothesis import HealthCheck, given, settings
from pg_fixtures import both_backends
from test_filter_store import _PHONES, _VALUES, _WORDS, VOCAB, filled, listed, oracle

from leadtui.domain.filter_query import FilterQuery, parse, render
from leadtui.domain.rows import FollowUpFilter, LeadFilter, LeadSort
from leadtui.domain.timefmt import day_bounds
from leadtui.storage.sqlite import filter_counts
from leadtui.store import LeadStore

pytestmark = both_backends
__all__ = ["filled"]  # the fixture, used by name

SHAPES = {"probe": 0, "rows": 10**9}
"""``ROWS_READ`` forcing the overdue count to probe the overdue ids, or to read the rows."""

TEXTS = [
    "due:overdue",
    "due:overdue,today",
    "due:today stage:new",
    "-due:overdue stage:contacted",
    "due:none",
    "-due:none created>=2026-02-01",
    "score>40",
    "score<=40 due:overdue,week",
    "-score>40",
    "source:event",
    "source:event,ads -stage:lost",
    "tag:vip",
    "-tag:vip stage:won",
    "stage:qualified,proposal due:overdue",
    "stage:qualified tag:vip due:overdue score>40",
    "-stage:lost",
    "-stage:lost,won",
    "-stage:new stage:new,contacted",
    "-stage:new,contacted,qualified,proposal,won,lost",
    "company:acme due:overdue",
    "note:budget",
]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("text", TEXTS)
def test_each_count_shape_counts_what_the_python_filter_finds(
    filled: LeadStore, text: str, shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filter_counts, "ROWS_READ", SHAPES[shape])
    query = parse(text, VOCAB)
    assert listed(filled, query) == oracle(query)


@pytest.mark.parametrize("shape", SHAPES)
def test_the_dialog_facets_count_like_their_rows(
    filled: LeadStore, shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter dialog's follow-up facet takes the follow-up guard too."""
    monkeypatch.setattr(filter_counts, "ROWS_READ", SHAPES[shape])
    start, _end = day_bounds(filled.now())
    for followup in FollowUpFilter:
        for query in (FilterQuery(), parse("score>40", VOCAB), parse("stage:new", VOCAB)):
            lead_filter = LeadFilter(followup=followup, query=query)
            rows = filled.reads.page_list(lead_filter, LeadSort(), 0, 1000)
            late = sum(1 for row in rows if row.next_followup_at and row.next_followup_at < start)
            counts = filled.reads.count_list(lead_filter)
            assert (counts.total, counts.overdue) == (len(rows), late), (followup, query)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries(VOCAB, values=_VALUES, words=_WORDS, phones=_PHONES, max_terms=3))
def test_random_filters_count_right_when_probing_the_overdue_ids(
    filled: LeadStore, monkeypatch: pytest.MonkeyPatch, query: FilterQuery
) -> None:
    monkeypatch.setattr(filter_counts, "ROWS_READ", 0)
    assert listed(filled, parse(render(query), VOCAB)) == oracle(query)
