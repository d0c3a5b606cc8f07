"""Saved filters follow a removed stage's leads: ``stage:demo`` becomes ``stage:new``."""

from __future__ import annotations

from collections.abc import Sequence

from leadtui.domain.filter_query import FilterQuery, Key, Match
from leadtui.domain.record_fields import replace
from leadtui.i18n import _, ngettext


def move_stage(query: FilterQuery, old: str, new: str) -> FilterQuery:
    """``query`` with the stage ``old`` read as ``new`` (values kept in order, no repeats).

    Used when a stage is removed and its leads move to ``new``: a view that showed the
    stage's leads keeps showing them, and a view that excluded them keeps excluding them.
    """
    terms = []
    for term in query.terms:
        if isinstance(term, Match) and term.key is Key.STAGE and old in term.values:
            moved = (new if value == old else value for value in term.values)
            term = replace(term, values=tuple(dict.fromkeys(moved)))
        terms.append(term)
    return FilterQuery(tuple(terms))


def followed_views_text(views: Sequence[str], target: str) -> str:
    """The sentence that says which saved views now show the stage the leads moved to."""
    # The quotation marks are the language's own: “Demos” in English, «Demos» in Spanish.
    names = ", ".join(_("“{name}”").format(name=name) for name in views)
    return ngettext(
        "The saved view {names} now shows {stage}.",
        "The saved views {names} now show {stage}.",
        len(views),
    ).format(names=names, stage=target)
