"""The scoring rules screen with Pilot: from the palette, a bad file named in one line, a
fixed file reloaded with ``r`` rescoring every lead in a worker (the database checked)."""

from __future__ import annotations

from pathlib import Path

from conftest import AppFactory, fixed_clock
from textual.widgets import Static
from waiting import settle, wait_until

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.scoring_rules import ScoringRulesScreen


async def test_reload_rescores_every_lead_in_the_background(
    store: LeadStore, app_factory: AppFactory, tmp_path: Path
) -> None:
    rules = tmp_path / "scoring.toml"
    rules.write_text("[fit.source]\nevent = 10\n", encoding="utf-8")
    scored = LeadStore(store.backend, clock=fixed_clock, rules_path=rules)
    ids = [
        scored.leads.add_lead(LeadInput(first_name=f"L{n}", source="event")).id for n in range(3)
    ]
    assert [scored.leads.get_lead(i).score for i in ids if i] == [10, 10, 10]
    app = app_factory(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"scoring rules")
        await wait_until(pilot, lambda: bool(app.screen.query("CommandList")), "the palette")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ScoringRulesScreen), "the screen")
        rules.write_text("[fit.source]\nevent = forty\n", encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        error = str(app.screen.query_one("#rules-error", Static).render())
        assert "scoring.toml: Not valid TOML" in error and "\n" not in error.strip()
        assert scored.leads.get_lead(ids[0] or 0).score == 10  # nothing rescored with a bad file
        rules.write_text("[fit.source]\nevent = 40\n", encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        status = str(app.screen.query_one("#rules-status", Static).render())
        assert status == "3 scores changed."
    assert [store.leads.get_lead(i).score for i in ids if i] == [40, 40, 40]
