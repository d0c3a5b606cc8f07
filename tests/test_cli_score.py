"""``leadtui score``: explain, pin, unpin, recompute and write the rules file, from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from leadtui.cli import main
from leadtui.launch import open_store


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], env=env)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    added = run(
        path,
        "add",
        "--first-name",
        "Ana",
        "--email",
        "ana@acme.com",
        "--company",
        "Acme",
        "--source",
        "event",
    )
    assert added.exit_code == 0, added.output
    return path


def test_explain_prints_the_score_and_each_reason(db: Path) -> None:
    result = run(db, "score", "1", "--explain")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Score 20", "  +15 source: event", "  +5 company given"]


def test_a_lead_is_found_by_email_too(db: Path) -> None:
    result = run(db, "score", "ana@acme.com")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Score 20"


def test_pin_then_unpin(db: Path) -> None:
    assert run(db, "score", "1", "--pin", "80").exit_code == 0
    shown = run(db, "score", "1").output.splitlines()[0]
    assert shown == "Score 80 (pinned by hand; the rules give 20)  Qualified (threshold 60)"
    assert run(db, "score", "1", "--unpin").exit_code == 0
    assert run(db, "score", "1").output.splitlines()[0] == "Score 20"
    refused = run(db, "score", "1", "--pin", "101")
    assert refused.exit_code == 1 and "--pin" in refused.output


def test_recompute_after_a_rules_change(db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[fit.source]\nevent = 45\n", encoding="utf-8")
    result = run(db, "score", "--recompute", env={"LEADTUI_SCORING": str(rules)})
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 score changed."
    store = open_store(db, create=False)
    try:
        assert store.leads.get_lead(1).score == 45
    finally:
        store.close()


def test_a_bad_rules_file_is_one_line_and_exit_1(db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[fit]\nbonus = 1\n", encoding="utf-8")
    result = run(db, "score", "1", env={"LEADTUI_SCORING": str(rules)})
    assert result.exit_code == 1
    assert result.output.strip() == "Error: rules.toml: Unknown setting fit.bonus."


def test_init_writes_the_file_once(db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "conf" / "scoring.toml"
    env = {"LEADTUI_SCORING": str(rules)}
    assert run(db, "score", "--init", env=env).output.strip() == f"Wrote {rules}."
    assert "[decay]" in rules.read_text(encoding="utf-8")
    again = run(db, "score", "--init", env=env).output.strip()
    assert again == f"{rules} exists; left as it is."


def test_nothing_to_do_is_a_one_line_error(db: Path) -> None:
    nothing = run(db, "score")
    assert nothing.exit_code == 1
    assert nothing.output.strip() == "Error: Name a lead, or give --recompute, --decay or --init."
    assert run(db, "score", "1", "--pin", "3", "--unpin").exit_code == 1


def test_an_import_scores_new_leads_and_keeps_a_given_score(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "first_name,email,company,job_title,score\n"
        "Luis,luis@norte.es,Norte,CEO,\n"
        "Eva,eva@sur.es,Sur,CEO,12\n",
        encoding="utf-8",
    )
    assert run(db, "import", str(csv), "--map", "score=score").exit_code == 0
    store = open_store(db, create=False)
    try:
        luis, eva = store.leads.find_lead("luis@norte.es"), store.leads.find_lead("eva@sur.es")
        assert (luis.score, luis.score_pinned) == (25, False)  # +20 ceo, +5 company
        assert (eva.score, eva.score_pinned) == (12, True)
    finally:
        store.close()


def _scored(db: Path) -> dict[str, int]:
    """Three more leads whose scores differ (a pinned 90, computed ones), by first name."""
    for name, source in (("Bea", "manual"), ("Cris", "referral"), ("Dani", "event")):
        assert run(db, "add", "--first-name", name, "--source", source).exit_code == 0
    assert run(db, "score", "2", "--pin", "90").exit_code == 0
    listed = run(db, "list", "--json")
    import json

    return {row["first_name"]: row["score"] for row in map(json.loads, listed.output.splitlines())}


def test_list_sorts_by_score_best_first_or_ascending(db: Path) -> None:
    import json

    scores = _scored(db)
    assert scores["Bea"] == 90 and None not in scores.values()
    best = run(db, "list", "--sort", "score", "--json")
    assert best.exit_code == 0, best.output
    rows = [json.loads(line) for line in best.output.splitlines()]
    assert [row["score"] for row in rows] == sorted(scores.values(), reverse=True)
    assert rows[0]["first_name"] == "Bea"
    worst = run(db, "list", "--sort", "score", "--ascending", "--json")
    assert [json.loads(line)["id"] for line in worst.output.splitlines()] == [
        row["id"] for row in reversed(rows)
    ]


def test_list_sorted_by_score_prints_a_score_column(db: Path) -> None:
    _scored(db)
    table = run(db, "list", "--sort", "score").output.splitlines()
    assert table[0].split()[-1] == "Score"
    assert table[1].split()[-1] == "90" and "Bea" in table[1]
    assert "Score" not in run(db, "list").output.splitlines()[0]


def test_list_sort_overrides_a_views_sort(db: Path) -> None:
    _scored(db)
    assert run(db, "views", "save", "Todos", "", "--sort", "name", "--ascending").exit_code == 0
    by_name = run(db, "list", "--view", "Todos").output.splitlines()
    assert "Ana" in by_name[1]
    by_score = run(db, "list", "--view", "Todos", "--sort", "score").output.splitlines()
    assert "Bea" in by_score[1]
    rejected = run(db, "list", "--sort", "points")
    assert rejected.exit_code == 1 and "score" in rejected.output


def test_decay_rescores_the_leads_time_moved(tmp_path: Path) -> None:
    """A lead untouched for weeks loses its decay points with --decay, nothing else runs."""
    from datetime import timedelta

    from conftest import DEMO_NOW

    from leadtui.domain.rows import LeadInput
    from leadtui.store import LeadStore

    path = tmp_path / "decay.db"
    now = [DEMO_NOW - timedelta(weeks=6)]
    opened = open_store(path, clock=lambda: now[0])
    store = LeadStore(opened.backend, clock=lambda: now[0])
    store.leads.add_lead(LeadInput(first_name="Eva", source="event", company="Acme"))
    store.scoring.recompute()  # scores current six weeks ago
    assert store.scoring.explain(1).score == 20
    opened.close()
    result = run(path, "score", "--decay")  # the real clock: months later
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1 score changed."
    again = run(path, "score", "--decay")
    assert again.output.strip().splitlines()[-1] == "0 scores changed."
    explained = run(path, "score", "1", "--explain").output
    assert "no touch for" in explained
