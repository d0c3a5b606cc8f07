"""The by-source and by-month tables name their stage columns as the pipeline shows them."""

from __future__ import annotations

from language import speaking

from leadtui.domain.metrics_bars import group_headers
from leadtui.store import LeadStore


def test_a_renamed_stage_heads_its_column_as_typed(demo_store: LeadStore) -> None:
    """Renamed "Today" (a word our catalog translates) stays "Today" in Spanish too; a
    built-in name shows in the user's language."""
    demo_store.stage_editor.rename("qualified", "Today")
    assert "Today" in group_headers(demo_store.metrics.summary(), "source")
    with speaking("es"):
        headers = group_headers(demo_store.metrics.summary(), "month")
    assert "Today" in headers and "Contactado" in headers and "Hoy" not in headers
