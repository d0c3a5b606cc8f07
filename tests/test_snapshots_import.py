"""Snapshots of the import screen, on a fixture file and the fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from leadtui.store import LeadStore
from leadtui.ui.screens.import_screen import ImportScreen

SnapCompare = Callable[..., bool]
REPO = Path(__file__).parent.parent


async def settle(pilot: Pilot[Any]) -> None:
    """Let the preview's dry run finish; freeze what would change between runs."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.sub_title = "snapshot"
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()
    # A count still running, or DataTable sizing its columns on idle after rows arrive,
    # can come after the pauses above under load, leaving a column at its header's width
    # in the picture. Wait (up to 5 s, for a loaded CI machine) until neither is pending
    # twice in a row, then let the layout refresh it asks for be painted.
    settled = 0
    for _ in range(500):
        screen = pilot.app.screen
        pending = (isinstance(screen, ImportScreen) and screen.busy) or any(
            table._require_update_dimensions or table._new_rows
            for table in screen.query(DataTable))
        settled = 0 if pending else settled + 1
        if settled >= 2:
            break
        await pilot.pause(0.01)
    await pilot.pause(0.05)


class TestImportScreenSnapshots:
    """The import screen."""

    def test_preview_of_a_hubspot_export(self, snap_compare: SnapCompare, store: LeadStore,
                                         app_factory: AppFactory,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
        """HubSpot detected, columns mapped with sample rows, 3 new and 1 invalid with why."""
        monkeypatch.chdir(REPO)

        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(ImportScreen("tests/fixtures/import/hubspot_en.csv"))
            await settle(pilot)

        assert snap_compare(app_factory(store), terminal_size=SNAPSHOT_SIZE,
                            run_before=run_before)
