"""Exact medians of many integers (time in stage at a million leads) in little memory.

The history pass keeps each stage's completed spans, in seconds, in an
``array('q')`` (8 bytes a span instead of a list's ~36), and the median is found
without sorting a copy of them all: one pass counts the spans per bucket of
4096 s, the bucket holding the middle is found from those counts, and only that
bucket's spans are sorted. The result equals :func:`statistics.median`.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence

_BUCKET_BITS = 12


def new_spans() -> array[int]:
    """An empty, compact list of spans (signed 64-bit seconds)."""
    return array("q")


def _smallest(values: Sequence[int], ranks: tuple[int, ...]) -> list[int]:
    """The values at the 0-based ``ranks`` (ascending) of ``values`` sorted."""
    counts = Counter(value >> _BUCKET_BITS for value in values)
    wanted: dict[int, list[int]] = {}
    seen = 0
    for bucket in sorted(counts):
        size = counts[bucket]
        for rank in ranks:
            if seen <= rank < seen + size:
                wanted.setdefault(bucket, []).append(rank - seen)
        seen += size
    inside = {bucket: sorted(v for v in values if v >> _BUCKET_BITS == bucket) for bucket in wanted}
    return [inside[bucket][offset] for bucket in sorted(wanted) for offset in wanted[bucket]]


def span_median(values: Sequence[int]) -> float:
    """The median of ``values`` (not empty), as :func:`statistics.median` gives it."""
    count = len(values)
    if count % 2:
        return float(_smallest(values, (count // 2,))[0])
    low, high = _smallest(values, (count // 2 - 1, count // 2))
    return (low + high) / 2
