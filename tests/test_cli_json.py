"""Every ``--json`` carries what the text output shows."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pg_fixtures import both_backends, store_target

from leadtui.cli import main
from leadtui.domain.funnel import format_rate
from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore


def _cli(target: Path | str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(target), *args], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.output


@both_backends
def test_list_json_has_phone_and_tags(store: LeadStore) -> None:
    store.leads.add_lead(
        LeadInput(
            first_name="Ana",
            email="ana@example.org",
            phone="+34 612 345 678",
            tags=["vip", "Feria"],
        )
    )
    store.leads.add_lead(LeadInput(first_name="Bob"))
    lines = [json.loads(line) for line in _cli(store_target(store), "list", "--json").splitlines()]
    by_name = {line["first_name"]: line for line in lines}
    assert by_name["Ana"]["phone"] == "+34612345678"
    assert by_name["Ana"]["tags"] == ["Feria", "vip"]
    assert (by_name["Bob"]["phone"], by_name["Bob"]["tags"]) == ("", [])


@both_backends
def test_stats_json_has_every_number_the_text_shows(demo_store: LeadStore) -> None:
    target = store_target(demo_store)
    text = _cli(target, "stats")
    data = json.loads(_cli(target, "stats", "--json"))
    won, lost = data["won"], data["lost"]
    assert f"Win rate: {format_rate(data['win_rate'])} ({won} won, {lost} lost)" in text
    counts = " ".join(str(week["count"]) for week in data["leads_per_week"])
    assert counts in text
    first, last = data["leads_per_week"][0]["week"], data["leads_per_week"][-1]["week"]
    assert f"Leads per week ({first} – {last})" in text
    for stage in data["stages"]:
        assert {"stage", "name", "count", "values", "reached", "conversion"} <= set(stage)
    assert data["total"]["count"] == sum(stage["count"] for stage in data["stages"])
