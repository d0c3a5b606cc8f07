"""A column's date order is decided once from all its values: never a silent day/month swap."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtui.io.csv_import import ImportOptions
from leadtui.io.date_order import scan_date_orders
from leadtui.launch import open_store
from leadtui.store import LeadStore

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def _written(day: date, day_first: bool) -> str:
    first, second = (day.day, day.month) if day_first else (day.month, day.day)
    return f"{first:02d}/{second:02d}/{day.year}"


def _import(folder: Path, cells: list[str]) -> tuple[list[date | None], dict[str, object]]:
    path = folder / "dates.csv"
    body = "".join(f"P{i},p{i}@example.org,{cell}\n" for i, cell in enumerate(cells))
    path.write_text("first_name,email,created_at\n" + body, encoding="utf-8")
    store = open_store(folder / "leads.db")
    try:
        report = store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
        conn = sqlite3.connect(store.path)
        found = dict(conn.execute("SELECT email, substr(created_at, 1, 10) FROM lead"))
        conn.close()
    finally:
        store.close()
    read = [found.get(f"p{i}@example.org") for i in range(len(cells))]
    dates = [date.fromisoformat(text) if text else None for text in read]
    (column,) = report.date_columns
    return dates, column.as_dict()


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(DAYS, min_size=1, max_size=12), st.booleans())
def test_a_column_with_one_telling_value_is_read_in_that_order(
    days: list[date], day_first: bool
) -> None:
    telling = date(2026, 11, 15)  # 15/11 or 11/15: only one order reads it
    days = [*days, telling]
    with tempfile.TemporaryDirectory() as folder:
        read, column = _import(Path(folder), [_written(day, day_first) for day in days])
    assert column["decided_by"] == "values"
    assert column["order"] == ("day-first" if day_first else "month-first")
    # Unlike the old per-cell reading, 03/11/2026 beside 15/11/2026 is 3 November too.
    assert [d for d in read if d is not None] == days


@SETTINGS
@given(st.lists(DAYS.filter(lambda d: d.day <= 12 and d.day != d.month), min_size=1, max_size=8))
def test_an_ambiguous_column_is_reported_and_read_one_way(days: list[date]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        read, column = _import(Path(folder), [_written(day, True) for day in days])
    assert column["decided_by"] == "locale" and column["ambiguous"] == len(days)
    swapped = [date(d.year, d.day, d.month) for d in days]
    assert read in (days, swapped)  # one order for the whole column, never a mix


def test_a_mixed_column_leaves_out_what_its_order_cannot_read(tmp_path: Path) -> None:
    read, column = _import(tmp_path, ["15/11/2026", "11/16/2026", "03/04/2026"])
    assert column["decided_by"] == "mixed"
    # The locale here is English (month first): 15/11 cannot be read so and is left out
    # (the lead is created now, the value kept in its import note); nothing is swapped.
    assert read[1:] == [date(2026, 11, 16), date(2026, 3, 4)]
    assert read[0] not in (date(2026, 11, 15), date(2026, 3, 4))


def test_ambiguous_column_is_named_in_the_cli_report(store: LeadStore, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from leadtui.cli import main

    path = tmp_path / "a.csv"
    path.write_text("first_name,created_at\nAna,03/11/2026\nBea,04/05/2026\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Dates in created_at are ambiguous (2 like 03/11/2026 fit both orders)" in result.output


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["03/11/2026", "15/11/2026"], ("values", True)),
        (["03/11/2026", "11/15/2026"], ("values", False)),
        (["2026-03-11", ""], ("locale", False)),
    ],
)
def test_scan_decides_per_column(values: list[str], expected: tuple[str, bool]) -> None:
    rows = [(i, i + 1, ["x", value]) for i, value in enumerate(values)]
    (column,) = scan_date_orders(
        rows, ["name", "Fecha"], [(1, "created_at")], locale_day_first=False
    )
    assert (column.decided_by, column.day_first) == expected
    assert column.column == "Fecha"
