"""The CSV export reads well in a spreadsheet (1000.00, EUR, vip; feria) and ``--raw``
keeps the exact form (cents, JSON tags); the import reads both back exactly."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.io.export import ExportOptions
from leadtui.launch import open_store
from leadtui.store import LeadStore


def fixed_clock() -> datetime:
    return datetime(2026, 3, 16, 10, 0, tzinfo=UTC)


def _export(store: LeadStore, target: Path, *, raw: bool) -> list[dict[str, str]]:
    store.imports.export_leads(target, ExportOptions(format="csv", raw=raw))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_default_csv_is_spreadsheet_friendly(store: LeadStore, tmp_path: Path) -> None:
    store.leads.add_lead(
        LeadInput(first_name="Ana", value_cents=100_000, currency="EUR", tags=["vip", "feria"])
    )
    (row,) = _export(store, tmp_path / "a.csv", raw=False)
    assert (row["value"], row["currency"], row["tags"]) == ("1000.00", "EUR", "feria; vip")
    assert "value_cents" not in row
    (exact,) = _export(store, tmp_path / "b.csv", raw=True)
    assert (exact["value_cents"], exact["tags"]) == ("100000", '["feria", "vip"]')


def _money_and_tags(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT l.email, l.value_cents, l.currency, "
            "(SELECT group_concat(name, '|') FROM (SELECT t.name FROM leadtag lt "
            "JOIN tag t ON t.id = lt.tag_id WHERE lt.lead_id = l.id ORDER BY t.name)) "
            "FROM lead l ORDER BY l.email"
        ).fetchall()
    finally:
        conn.close()


TAG = (
    st.text(
        st.characters(categories=("L", "N", "Zs")) | st.sampled_from(list(",;[]\"' ")),
        min_size=1,
        max_size=8,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10**12),
            st.sampled_from(["EUR", "USD", "GBP", "MXN"]),
            st.lists(TAG, max_size=3, unique_by=str.casefold),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_csv_export_imports_back_exactly(
    leads: list[tuple[int, str, list[str]]], raw: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = open_store(base / "a.db", clock=fixed_clock)
        for index, (cents, currency, tags) in enumerate(leads):
            source.leads.add_lead(
                LeadInput(
                    first_name=f"P{index}",
                    email=f"p{index}@example.org",
                    value_cents=cents,
                    currency=currency,
                    tags=tags,
                )
            )
        target = base / "out.csv"
        source.imports.export_leads(target, ExportOptions(format="csv", raw=raw))
        expected = _money_and_tags(source.path)
        source.close()
        again = open_store(base / "b.db", clock=fixed_clock)
        report = again.imports.import_rows(again.imports.preview_import(target), ImportOptions())
        assert (report.imported, report.rejected, report.warnings_count) == (len(leads), 0, 0)
        assert _money_and_tags(again.path) == expected
        again.close()
