"""Hypothesis strategies for filter queries (shared by the parser and the query tests)."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from leadtui.domain.filter_query import (
    COMPARE_KEYS,
    Compare,
    Due,
    FilterQuery,
    Key,
    Match,
    Op,
    Term,
    Text,
    Vocabulary,
)

_VALUE_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x00"
)


def free_values(alphabet: st.SearchStrategy[str] = _VALUE_CHARS) -> st.SearchStrategy[str]:
    """Any non-empty value text (quotes, commas, spaces, backslashes included)."""
    return st.text(alphabet, min_size=1, max_size=12).filter(lambda text: text.strip() != "")


def terms(
    vocabulary: Vocabulary,
    *,
    values: st.SearchStrategy[str],
    words: st.SearchStrategy[str],
    phones: st.SearchStrategy[str],
) -> st.SearchStrategy[Term]:
    """One term of every kind, its values drawn from the vocabulary or the given texts."""

    def listed(key: Key, choices: st.SearchStrategy[str]) -> st.SearchStrategy[Term]:
        return st.builds(
            lambda found, negated: Match(key, tuple(dict.fromkeys(found)), negated),
            st.lists(choices, min_size=1, max_size=3),
            st.booleans(),
        )

    tags = st.sampled_from(vocabulary.tags) if vocabulary.tags else values
    compare = st.one_of(
        st.builds(
            Compare, st.just(Key.SCORE), st.sampled_from(Op), st.integers(0, 100), st.booleans()
        ),
        st.builds(
            Compare,
            st.just(Key.CREATED),
            st.sampled_from(Op),
            st.dates(date(2025, 12, 1), date(2026, 4, 30)),
            st.booleans(),
        ),
    )
    assert all(key in COMPARE_KEYS for key in (Key.SCORE, Key.CREATED))
    return st.one_of(
        listed(Key.STAGE, st.sampled_from(vocabulary.stages)),
        listed(Key.SOURCE, st.sampled_from(vocabulary.sources)),
        listed(Key.TAG, tags),
        listed(Key.DUE, st.sampled_from([due.value for due in Due])),
        listed(Key.COMPANY, values),
        listed(Key.PHONE, phones),
        listed(Key.NOTE, values),
        listed(Key.OWNER, st.sampled_from((*vocabulary.owners, "me", "none"))),
        compare,
        st.builds(Text, words, st.booleans()),
    )


def queries(
    vocabulary: Vocabulary,
    *,
    values: st.SearchStrategy[str],
    words: st.SearchStrategy[str],
    phones: st.SearchStrategy[str],
    max_terms: int = 4,
) -> st.SearchStrategy[FilterQuery]:
    """Whole queries of up to ``max_terms`` terms."""
    one = terms(vocabulary, values=values, words=words, phones=phones)
    return st.lists(one, max_size=max_terms).map(lambda found: FilterQuery(tuple(found)))
