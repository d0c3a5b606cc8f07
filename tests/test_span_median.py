"""The compact spans' median equals :func:`statistics.median` (time in stage at scale)."""

from __future__ import annotations

import statistics

from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.span_median import new_spans, span_median

SPANS = st.lists(
    st.one_of(
        st.integers(-(10**6), 10**6), st.integers(0, 10**9), st.sampled_from([0, 4095, 4096])
    ),
    min_size=1,
    max_size=300,
)


@given(SPANS)
def test_equals_statistics_median(values: list[int]) -> None:
    spans = new_spans()
    spans.extend(values)
    assert span_median(spans) == statistics.median(values)


def test_one_bucket_and_two_middles_in_different_buckets() -> None:
    assert span_median([5, 5, 5]) == 5
    assert span_median([1, 10_000]) == 5000.5
    assert span_median([3, 1, 2, 10**8]) == 2.5
