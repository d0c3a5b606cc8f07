"""Snapshots of the scoring weights form: English at 120x36 with a number out of range
(its message on its own line), Spanish at 80x24 as it opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory, fixed_clock
from language import fresh, speaking
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import settle

from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]


def rules_store(store: LeadStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> LeadStore:
    """A store reading ``scoring.toml`` (relative: the same path on every machine; no file
    there, so the default rules)."""
    monkeypatch.chdir(tmp_path)
    return LeadStore(store.backend, clock=fixed_clock, rules_path=Path("scoring.toml"))


def open_form(bad_threshold: str | None = None) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        rules = fresh("leadtui.ui.screens.scoring_rules", "ScoringRulesScreen")
        await settle(pilot)
        await pilot.app.push_screen(rules())
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        if bad_threshold is not None:
            box = pilot.app.screen.query_one("#weight-0", Input)
            await pilot.press("end", *["backspace"] * len(box.value), *bad_threshold, "tab")
        pilot.app.sub_title = "snapshot"
        await settle(pilot)

    return run


class TestWeightsSnapshots:
    """The weights form."""

    def test_a_number_out_of_range_in_english(
        self,
        snap_compare: SnapCompare,
        store: LeadStore,
        app_factory: AppFactory,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """Threshold 500 tinted red, "a whole number from 0 to 100" beside it; the focus on
        company given; ^s Save, esc Cancel in the footer."""
        app = app_factory(rules_store(store, monkeypatch, tmp_path))
        assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=open_form("500"))

    def test_the_form_in_spanish_at_80x24(
        self,
        snap_compare: SnapCompare,
        store: LeadStore,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """Spanish headings and labels fit 80 columns; the first number focused."""
        scored = rules_store(store, monkeypatch, tmp_path)
        with speaking("es"):
            make_app = fresh("leadtui.launch", "make_app")
            assert snap_compare(make_app(scored), terminal_size=(80, 24), run_before=open_form())
