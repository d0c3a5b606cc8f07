"""Sources read as words, never as their storage keys."""

from __future__ import annotations

from leadtui.domain.enums import LeadSource
from leadtui.domain.sources import SOURCE_LABELS, SOURCES, source_label


def test_every_source_has_a_label() -> None:
    assert set(SOURCES) == {source.value for source in LeadSource} == set(SOURCE_LABELS)
    assert all("_" not in label for label in SOURCE_LABELS.values())


def test_labels_read_as_words() -> None:
    assert source_label("landing_page") == "landing page"
    assert source_label("content_download") == "content download"


def test_unknown_source_falls_back_to_its_key_without_underscores() -> None:
    assert source_label("trade_show") == "trade show"
