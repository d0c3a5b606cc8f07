"""A removed stage does not break the saved views that named it (#15 views, #14 pipeline).

When its leads move to another stage, the views follow them; when a view no longer reads
for any reason, ``leadtui views`` still lists every view (the broken one uncounted, with
the reason) instead of failing as a whole.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.cli import main
from leadtui.domain.filter_query import FilterQuery, Key, Match, Text, Vocabulary, parse, render
from leadtui.domain.filter_stage_move import move_stage
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.store import LeadStore

STAGES = ("new", "contacted", "demo", "won")


def test_move_stage_replaces_keeps_order_and_negation() -> None:
    query = parse("stage:demo,won -stage:demo ana", _vocabulary())
    moved = move_stage(query, "demo", "new")
    assert render(moved) == "stage:new,won -stage:new ana"
    assert render(move_stage(parse("stage:new,demo", _vocabulary()), "demo", "new")) == "stage:new"
    assert move_stage(parse("stage:won"), "demo", "new") == parse("stage:won")


@given(
    st.lists(st.sets(st.sampled_from(STAGES), min_size=1), max_size=3),
    st.sampled_from(STAGES[:2]),
)
def test_the_moved_query_never_names_the_old_stage(lists: list[set[str]], target: str) -> None:
    terms = tuple(Match(Key.STAGE, tuple(sorted(values))) for values in lists)
    query = FilterQuery((*terms, Text("x")))
    moved = move_stage(query, "demo", target)
    for term in moved.terms:
        if isinstance(term, Match):
            assert "demo" not in term.values and len(set(term.values)) == len(term.values)
    assert parse(render(moved), _vocabulary()) == moved


def _vocabulary() -> Vocabulary:
    return Vocabulary(stages=STAGES)


def _lead(store: LeadStore, name: str, stage: str) -> int:
    made = store.leads.add_lead(LeadInput(first_name=name, stage=stage)).id
    assert made is not None
    return made


@both_backends
def test_views_follow_the_leads_of_a_removed_stage(store: LeadStore) -> None:
    store.stage_editor.add("Demo")
    demo = [_lead(store, "Ana", "demo"), _lead(store, "Luis", "demo")]
    _lead(store, "Eva", "won")
    store.views.save_view("Demos", "stage:demo", LeadSort())
    store.views.save_view("Not demos", "-stage:demo", LeadSort())
    store.views.save_view("Won", "stage:won", LeadSort())
    removed = store.stage_editor.remove("demo", "contacted")
    assert removed.moved == 2 and removed.views == ("Demos", "Not demos")
    demos = store.views.view("Demos")
    assert demos.filter_text == "stage:contacted"
    query = store.views.parse(demos.filter_text)
    assert (
        sorted(r.id for r in store.reads.page_list(LeadFilter(query=query), LeadSort(), 0, 9))
        == demo
    )
    assert store.views.view("Not demos").filter_text == "-stage:contacted"
    assert store.views.view("Won").filter_text == "stage:won"


@both_backends
def test_removing_an_empty_stage_leaves_views_as_typed(store: LeadStore) -> None:
    """No leads moved: the view is kept as typed (undoing the removal makes it read again)."""
    store.stage_editor.add("Demo")
    store.views.save_view("Demos", "etapa:demo", LeadSort())
    removed = store.stage_editor.remove("demo")
    assert removed.views == ()
    assert store.views.view("Demos").filter_text == "etapa:demo"
    store.stage_editor.restore(removed)
    store.views.parse(store.views.view("Demos").filter_text)


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_the_cli_says_which_views_followed_and_lists_a_broken_view(tmp_path: Path) -> None:
    db = tmp_path / "views.db"
    assert run(db, "add", "--first-name", "Ana").exit_code == 0
    assert run(db, "stages", "add", "Demo").exit_code == 0
    assert run(db, "stages", "add", "Trial").exit_code == 0
    assert run(db, "add", "--first-name", "Luis", "--stage", "demo").exit_code == 0
    assert run(db, "views", "save", "Demos", "stage:demo").exit_code == 0
    assert run(db, "views", "save", "Trials", "stage:trial,new").exit_code == 0
    removed = run(db, "stages", "remove", "demo", "--move-to", "new")
    assert removed.exit_code == 0, removed.output
    assert "“Demos” now shows new" in removed.output
    assert run(db, "stages", "remove", "trial").exit_code == 0  # empty: the view is kept
    listed = run(db, "views")
    assert listed.exit_code == 0, listed.output
    lines = {line.split()[0]: line for line in listed.output.splitlines()}
    assert "2 leads" in lines["Demos"]
    assert "?" in lines["Trials"] and "trial" in lines["Trials"]
    as_json = [json.loads(line) for line in run(db, "views", "--json").output.splitlines()]
    broken = next(view for view in as_json if view["name"] == "Trials")
    assert broken["count"] is None and "trial" in broken["error"]
