"""Snapshots of the import screen, on a fixture file and the fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from textual.pilot import Pilot
from waiting import settle

from leadtui.store import LeadStore
from leadtui.ui.screens.import_screen import ImportScreen

SnapCompare = Callable[..., bool]
REPO = Path(__file__).parent.parent


async def settled(pilot: Pilot[Any]) -> None:
    """Wait until the dry run finished and both tables are sized; fix the subtitle."""
    await settle(pilot)
    pilot.app.sub_title = "snapshot"
    await settle(pilot)


class TestImportScreenSnapshots:
    """The import screen."""

    def test_preview_of_a_hubspot_export(
        self,
        snap_compare: SnapCompare,
        store: LeadStore,
        app_factory: AppFactory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """HubSpot detected, columns mapped with sample rows, 3 new and 1 invalid with why."""
        monkeypatch.chdir(REPO)

        async def run_before(pilot: Pilot[Any]) -> None:
            await settled(pilot)
            await pilot.app.push_screen(ImportScreen("tests/fixtures/import/hubspot_en.csv"))
            await settled(pilot)

        assert snap_compare(app_factory(store), terminal_size=SNAPSHOT_SIZE, run_before=run_before)
