"""A list filter as filter-language text and back (saved views store the text)."""

from __future__ import annotations

from leadtui.domain.filter_query import Due, FilterQuery, Key, Match, Text, render
from leadtui.domain.rows import FollowUpFilter, LeadFilter

_DUE = {
    FollowUpFilter.OVERDUE: Due.OVERDUE,
    FollowUpFilter.TODAY: Due.TODAY,
    FollowUpFilter.THIS_WEEK: Due.WEEK,
    FollowUpFilter.NONE: Due.NONE,
}


def as_query(lead_filter: LeadFilter) -> FilterQuery:
    """Every part of a filter (dialog choices, search text, parsed query) as one query."""
    terms: list[Match | Text] = []
    if lead_filter.stages:
        terms.append(Match(Key.STAGE, lead_filter.stages))
    if lead_filter.sources:
        terms.append(Match(Key.SOURCE, lead_filter.sources))
    # The dialog's tags must all be on the lead: one term each.
    terms += [Match(Key.TAG, (tag,)) for tag in lead_filter.tags]
    if lead_filter.followup in _DUE:
        terms.append(Match(Key.DUE, (_DUE[lead_filter.followup].value,)))
    if lead_filter.search.strip():
        terms.append(Text(lead_filter.search.strip(), quoted=" " in lead_filter.search.strip()))
    return FilterQuery((*terms, *lead_filter.query.terms))


def filter_text(lead_filter: LeadFilter) -> str:
    """The filter as text the search box and ``--filter`` read back."""
    return render(as_query(lead_filter))
