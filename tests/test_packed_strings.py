"""PackedStrings reads back what was appended, like a list of the same strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadtui.io.packed_strings import PackedStrings


@given(st.lists(st.text()))
def test_reads_back_like_a_list(texts: list[str]) -> None:
    packed = PackedStrings()
    for text in texts:
        packed.append(text)
    assert len(packed) == len(texts)
    assert list(packed) == texts
    assert packed[1:3] == texts[1:3]
    if texts:
        assert packed[-1] == texts[-1]
        assert packed[-len(texts)] == texts[0]


def test_out_of_range_is_an_index_error() -> None:
    packed = PackedStrings()
    packed.append("a")
    with pytest.raises(IndexError):
        packed[1]
    with pytest.raises(IndexError):
        packed[-2]
