"""Which segments the summary rows answer by themselves (no scan of the leads).

A filter that narrows only by stage and by source (``stage:qualified,proposal
-source:ads``, the list's stage and source choices) selects whole summary rows,
since both are part of a row's key; any other term (text, tags, dates, score,
follow-ups) needs the leads themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from leadtui.domain.filter_query import Key, Match
from leadtui.domain.rows import FollowUpFilter, LeadFilter
from leadtui.domain.segment_metrics import SummaryRow

RowTest = Callable[[SummaryRow], bool]


def summary_test(lead_filter: LeadFilter) -> RowTest | None:
    """A test of summary rows equal to ``lead_filter``, or ``None`` when it needs the leads."""
    if lead_filter.tags or lead_filter.search.strip():
        return None
    if lead_filter.followup is not FollowUpFilter.ANY:
        return None
    tests: list[RowTest] = []
    if lead_filter.stages:
        stages = frozenset(lead_filter.stages)
        tests.append(lambda row: row.stage in stages)
    if lead_filter.sources:
        sources = frozenset(lead_filter.sources)
        tests.append(lambda row: row.source in sources)
    for term in lead_filter.query.terms:
        if not isinstance(term, Match) or term.key not in (Key.STAGE, Key.SOURCE):
            return None
        tests.append(_match_test(str(term.key.value), frozenset(term.values), term.negated))
    return lambda row: all(test(row) for test in tests)


def _match_test(field: str, values: frozenset[str], negated: bool) -> RowTest:
    return lambda row: (getattr(row, field) in values) != negated
