"""Money never loses its currency: totals per currency everywhere, imports keep ``$300``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.cli import main
from leadtui.cli.funnel_table import funnel_json
from leadtui.domain.board_state import ColumnState
from leadtui.domain.money import MoneyTotals, format_totals
from leadtui.domain.rows import LeadFilter, LeadInput, LeadRow, LeadSort, StageInfo
from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore


def _add(store: LeadStore, name: str, cents: int, currency: str, stage: str = "new") -> None:
    store.leads.add_lead(
        LeadInput(first_name=name, value_cents=cents, currency=currency, stage=stage)
    )


def test_totals_text_puts_the_main_currency_first() -> None:
    totals = MoneyTotals.of([("USD", 1_115_000), ("EUR", 1_200_000), ("USD", 0)])
    assert format_totals(totals) == "€12,000 + $11,150"
    assert format_totals(MoneyTotals()) == "€0"
    assert format_totals(MoneyTotals.of([("USD", 500)])) == "$5"


@given(st.lists(st.tuples(st.sampled_from(["EUR", "USD", "GBP", "MXN"]), st.integers(0, 10**9))))
def test_totals_never_mix_currencies(pairs: list[tuple[str, int]]) -> None:
    totals = MoneyTotals.of(pairs)
    for code in ("EUR", "USD", "GBP", "MXN"):
        assert totals.cents(code) == sum(cents for c, cents in pairs if c == code)
    assert all(cents for _code, cents in totals.amounts)


@both_backends
def test_stage_totals_and_metrics_per_currency(store: LeadStore) -> None:
    _add(store, "Ana", 1_200_000, "EUR")
    _add(store, "Bob", 1_115_000, "USD")
    _add(store, "Cid", 50_000, "EUR", stage="won")
    new = next(t for t in store.reads.stage_totals() if t.stage.key == "new")
    assert new.values.as_dict() == {"EUR": 1_200_000, "USD": 1_115_000}
    assert format_totals(new.values) == "€12,000 + $11,150"
    metrics = store.reads.funnel_metrics()
    assert metrics.values.as_dict() == {"EUR": 1_250_000, "USD": 1_115_000}
    data = funnel_json(metrics)
    assert data["stages"][0]["values"] == {"EUR": 1_200_000, "USD": 1_115_000}
    assert data["total"]["values"] == {"EUR": 1_250_000, "USD": 1_115_000}


def test_board_column_moves_keep_currencies_apart(store: LeadStore) -> None:
    _add(store, "Bob", 1_115_000, "USD")
    row = store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
    state = ColumnState(StageInfo("new", "New", 0, "open"), total=0, values=MoneyTotals())
    state.arrive(row)
    assert format_totals(state.values or MoneyTotals()) == "$11,150"
    state.take(row.id)
    assert state.values == MoneyTotals()


def test_stats_text_and_json_show_each_currency(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    runner = CliRunner()
    csv = tmp_path / "deals.csv"
    csv.write_text(
        'first_name,email,value\nAna,ana@example.org,12000 €\nBob,bob@example.org,"$11,150"\n',
        encoding="utf-8",
    )
    assert runner.invoke(main, ["--db", str(db), "import", str(csv)]).exit_code == 0
    text = runner.invoke(main, ["--db", str(db), "stats"], env={"COLUMNS": "160"}).output
    assert "€12,000 + $11,150" in text
    data = json.loads(runner.invoke(main, ["--db", str(db), "stats", "--json"]).output)
    assert data["total"]["values"] == {"EUR": 1_200_000, "USD": 1_115_000}


def test_import_keeps_the_currency_an_amount_names(store: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text(
        "first_name,value,currency\n"
        "Ana,$300,\n"
        'Bea,"1.234,50 €",\n'
        "Cid,GBP 75,\n"
        "Dan,500,\n"
        "Eva,$40,EUR\n",
        encoding="utf-8",
    )
    report = store.imports.import_rows(
        store.imports.preview_import(path), ImportOptions(region="ES")
    )
    assert report.imported == 5
    rows = {r.first_name: (r.value_cents, r.currency) for r in _rows(store)}
    assert rows["Ana"] == (30_000, "USD")
    assert rows["Bea"] == (123_450, "EUR")
    assert rows["Cid"] == (7_500, "GBP")
    assert rows["Dan"] == (50_000, "EUR")
    # "$40" beside "EUR": which is right cannot be known, so the amount is left out (noted).
    assert rows["Eva"] == (0, "EUR")
    assert report.with_warnings == 1


def test_a_dollar_in_a_mexican_file_is_a_peso(store: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "mx.csv"
    path.write_text("first_name,value\nAna,$300\n", encoding="utf-8")
    store.imports.import_rows(store.imports.preview_import(path), ImportOptions(region="MX"))
    assert [(r.value_cents, r.currency) for r in _rows(store)] == [(30_000, "MXN")]


def _rows(store: LeadStore) -> list[LeadRow]:
    return list(store.reads.page_list(LeadFilter(), LeadSort(), 0, 100))
