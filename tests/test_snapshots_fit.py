"""Snapshots at 80x24: list, detail, board, form, import, and the Won dialog (#18 item 16)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import AppFactory
from test_lead_detail_screen import lead_in
from test_snapshots_list import keys_then_settle, settle
from textual.pilot import Pilot

from leadtui.domain.rows import FollowUpFilter
from leadtui.store import LeadStore
from leadtui.ui.screens.import_screen import ImportScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen

SnapCompare = Callable[..., bool]
SMALL = (80, 24)
REPO = Path(__file__).resolve().parent.parent


class TestFitAt80x24:
    """Every main screen at 80x24: nothing cut that matters, forms scroll."""

    def test_list(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Name, company, stage, follow-up (! when overdue) and value; the name 16+ cells."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SMALL, run_before=keys_then_settle()
        )

    def test_detail(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """An overdue proposal's detail: fields, funnel and timeline in 80 columns."""
        lead_id = lead_in(demo_store, "proposal", FollowUpFilter.OVERDUE)

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(LeadDetailScreen(lead_id))
            await settle(pilot)

        assert snap_compare(app_factory(demo_store), terminal_size=SMALL, run_before=run)

    def test_board(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Six columns whose titles keep their counts ("Qualif… (34)")."""

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.switch_mode("board")
            await settle(pilot)

        assert snap_compare(app_factory(demo_store), terminal_size=SMALL, run_before=run)

    def test_form(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """The new-lead form in two columns, most-used fields first, scrolling for the rest."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SMALL, run_before=keys_then_settle("n")
        )

    def test_import(
        self,
        snap_compare: SnapCompare,
        store: LeadStore,
        app_factory: AppFactory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A HubSpot preview: the Enter hint, the mapping, counts, Import then Cancel (Esc)."""
        monkeypatch.chdir(REPO)

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(ImportScreen("tests/fixtures/import/hubspot_en.csv"))
            await settle(pilot)

        assert snap_compare(app_factory(store), terminal_size=SMALL, run_before=run)

    def test_won_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """w on a proposal asks the deal's value, pre-filled, and says the follow-up goes."""
        lead_id = lead_in(demo_store, "proposal", FollowUpFilter.OVERDUE)

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(LeadDetailScreen(lead_id))
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)

        assert snap_compare(app_factory(demo_store), terminal_size=SMALL, run_before=run)
