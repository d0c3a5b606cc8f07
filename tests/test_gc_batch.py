"""Bulk work batches garbage collections and always puts the threshold back."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from leadtui.storage.gc_batch import BULK_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def _known_threshold() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_raised_inside_and_restored_after_nesting() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (BULK_THRESHOLD, 10, 10)
        with fewer_collections():
            assert gc.get_threshold()[0] == BULK_THRESHOLD
        assert gc.get_threshold()[0] == BULK_THRESHOLD  # the outer block is still running
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_is_kept() -> None:
    gc.set_threshold(BULK_THRESHOLD * 2, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (BULK_THRESHOLD * 2, 5, 5)
    assert gc.get_threshold() == (BULK_THRESHOLD * 2, 5, 5)
