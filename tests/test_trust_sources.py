"""Source words people write, in English and Spanish, map to a known source (#18 item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.domain.sources import SOURCES, source_key
from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("evento", "event"),
        ("Evento", "event"),
        ("web", "landing_page"),
        ("Instagram", "social"),
        ("Página web", "landing_page"),
        ("Redes sociales", "social"),
        ("Recomendación", "referral"),
        ("landing_page", "landing_page"),
        ("landing page", "landing_page"),
        ("Content-Download", "content_download"),
        ("something nobody expected", "other"),
    ],
)
def test_source_words(text: str, key: str) -> None:
    assert source_key(text) == key


@given(st.text(max_size=30))
def test_any_text_is_a_known_source(text: str) -> None:
    assert source_key(text) in SOURCES


@both_backends
def test_spanish_sources_import_instead_of_rejecting(store: LeadStore, tmp_path: Path) -> None:
    """Spanish and free-text sources map to known ones (both backends)."""
    path = tmp_path / "fuentes.csv"
    path.write_text(
        "email,first_name,source\n"
        "a@fuente.example.com,Ana,evento\n"
        "b@fuente.example.com,Bo,web\n"
        "c@fuente.example.com,Cy,Instagram\n"
        "d@fuente.example.com,Di,TV local\n",
        encoding="utf-8",
    )
    preview = replace(store.imports.preview_import(path), mapping=["email", "first_name", "source"])
    report = store.imports.import_rows(preview, ImportOptions())
    assert report.imported == 4
    rows = store.reads.page_list(LeadFilter(), LeadSort(), 0, 10)
    assert {row.first_name: row.source for row in rows} == {
        "Ana": "event",
        "Bo": "landing_page",
        "Cy": "social",
        "Di": "other",
    }
