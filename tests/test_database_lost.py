"""The -wal deleted while the app runs (#20 item 3): the next write notices, nothing
more is written, the problem screen offers the newest backup, the app exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AppFactory
from waiting import settle, wait_until

from leadtui.domain.errors import DatabaseLost
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import open_store
from leadtui.store import LeadStore
from leadtui.store.files import make_backup
from leadtui.ui.screens.database_problem import DatabaseProblemScreen
from leadtui.ui.screens.lead_list import LeadListScreen

SIZE = (120, 36)


def live_leads(path: Path) -> int:
    """Leads in the file, read by a fresh store."""
    store = open_store(path, create=False)
    try:
        return store.reads.count_list(LeadFilter()).total
    finally:
        store.close()


@pytest.mark.sqlite_only("deletes the SQLite -wal file")
async def test_a_deleted_wal_stops_writes_and_offers_the_backup(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    path = demo_store.path
    assert isinstance(path, Path)
    backup = make_backup(path)
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LeadListScreen)
        path.with_name(path.name + "-wal").unlink()
        await pilot.press("d")  # delete the lead under the cursor: a write
        await settle(pilot)
        if not isinstance(app.screen, DatabaseProblemScreen):  # a confirmation first
            await pilot.press("y")
        await wait_until(
            pilot, lambda: isinstance(app.screen, DatabaseProblemScreen), "the problem screen"
        )
        screen = app.screen
        assert isinstance(screen, DatabaseProblemScreen)
        shown = str(screen.query_one("#problem-reason").render())
        assert "deleted" in shown and "while leadtui was running" in shown
        assert "leadtui restore" in shown
        assert screen.backup is not None and screen.backup.path == backup
        await pilot.press("j", "k", "d", "n")  # no key writes or crashes any more
        await pilot.pause()
        assert app.is_running and app.screen is screen
        with pytest.raises(DatabaseLost):  # the store refuses every later write
            demo_store.leads.add_lead(LeadInput(first_name="After"))
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    # What is on disk is the file as SQLite left it; the backup is offered intact.
    assert live_leads(backup) > 0
