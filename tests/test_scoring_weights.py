"""The scoring weights form with Pilot: a weight edited and saved is written into the rules
file (its comment kept) and every lead is rescored in the background; a bad number is
refused on its own line and nothing is written; Esc asks before dropping changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import AppFactory, fixed_clock
from textual.pilot import Pilot
from textual.widgets import Input, Static
from waiting import settle, wait_until

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.confirm import ConfirmScreen
from leadtui.ui.screens.scoring_rules import ScoringRulesScreen
from leadtui.ui.screens.scoring_weights import ScoringWeightsScreen

RULES = "# my rules\n[fit.source]\nevent = 10  # we go to fairs\n"


def scored_store(store: LeadStore, rules: Path) -> tuple[LeadStore, list[int]]:
    rules.write_text(RULES, encoding="utf-8")
    scored = LeadStore(store.backend, clock=fixed_clock, rules_path=rules)
    ids = [
        scored.leads.add_lead(LeadInput(first_name=f"L{n}", source="event")).id for n in range(3)
    ]
    return scored, [i for i in ids if i is not None]


async def open_form(pilot: Pilot[Any]) -> ScoringWeightsScreen:
    await settle(pilot)
    await pilot.app.push_screen(ScoringRulesScreen())
    await settle(pilot)
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ScoringWeightsScreen), "form")
    screen = pilot.app.screen
    assert isinstance(screen, ScoringWeightsScreen)
    return screen


def field(screen: ScoringWeightsScreen, name: str) -> Input:
    index = next(i for i, weight in enumerate(screen.weights) if weight.name == name)
    return screen.query_one(f"#weight-{index}", Input)


async def retype(pilot: Pilot[Any], screen: ScoringWeightsScreen, name: str, text: str) -> int:
    """Focus the weight's number, replace it with ``text``; its index."""
    box = field(screen, name)
    box.focus()
    await pilot.press("end", *["backspace"] * len(box.value), *text)
    await settle(pilot)
    assert box.value == text
    return int((box.id or "").removeprefix("weight-"))


async def test_a_saved_weight_is_written_and_every_lead_rescored(
    store: LeadStore, app_factory: AppFactory, tmp_path: Path
) -> None:
    scored, ids = scored_store(store, tmp_path / "scoring.toml")
    assert [scored.leads.get_lead(i).score for i in ids] == [10, 10, 10]
    app = app_factory(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_form(pilot)
        await retype(pilot, screen, "fit.source.event", "40")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ScoringRulesScreen), "rules")
        status = app.screen.query_one("#rules-status", Static)
        await wait_until(pilot, lambda: str(status.render()) == "3 scores changed.", "rescore")
    assert (tmp_path / "scoring.toml").read_text(encoding="utf-8") == RULES.replace("10", "40")
    assert [store.leads.get_lead(i).score for i in ids] == [40, 40, 40]


async def test_a_bad_number_is_refused_and_nothing_is_written(
    store: LeadStore, app_factory: AppFactory, tmp_path: Path
) -> None:
    rules = tmp_path / "scoring.toml"
    scored, ids = scored_store(store, rules)
    app = app_factory(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_form(pilot)
        await retype(pilot, screen, "fit.source.event", "20")
        index = await retype(pilot, screen, "qualified.threshold", "500")
        message = str(screen.query_one(f"#weight-error-{index}", Static).render())
        assert message == "a whole number from 0 to 100"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # still on the form, the bad number focused
        assert app.focused is field(screen, "qualified.threshold")
        problem = str(screen.query_one("#weights-problem", Static).render())
        assert problem == "Nothing saved: a number is not valid."
        assert rules.read_text(encoding="utf-8") == RULES
        await pilot.press("escape")  # changes typed: asked first
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, ScoringRulesScreen), "rules")
    assert rules.read_text(encoding="utf-8") == RULES
    assert [store.leads.get_lead(i).score for i in ids] == [10, 10, 10]


async def test_min_above_max_is_refused_by_the_rules_and_nothing_written(
    store: LeadStore, app_factory: AppFactory, tmp_path: Path
) -> None:
    rules = tmp_path / "scoring.toml"
    scored, _ids = scored_store(store, rules)
    app = app_factory(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_form(pilot)
        await retype(pilot, screen, "caps.min", "90")
        await retype(pilot, screen, "caps.max", "80")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        problem = str(screen.query_one("#weights-problem", Static).render())
        assert problem == "Nothing saved: caps.min is above caps.max."
    assert rules.read_text(encoding="utf-8") == RULES
