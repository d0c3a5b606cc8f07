"""Reading the filter language from a search box, for the list and the board.

The screen parses; the hint under the box says what is wrong (the results stay as they
were until the text reads again), or what Tab can complete.
"""

from __future__ import annotations

from leadtui.domain.filter_query import FilterQuery, FilterSyntaxError, parse
from leadtui.store import LeadStore
from leadtui.ui.widgets.filter_box import FilterHint, FilterInput


def read_box(box: FilterInput, hint: FilterHint) -> FilterQuery | None:
    """The box's query, or ``None`` (and the error under the box) when it does not read."""
    try:
        query = parse(box.value, box.vocabulary)
    except FilterSyntaxError as error:
        hint.show_error(error, box.value)
        return None
    hint.clear()
    return query


def learn_vocabulary(box: FilterInput, store: LeadStore) -> None:
    """Give the box this database's stages and tags (for checking and Tab)."""
    box.vocabulary = store.views.vocabulary()
