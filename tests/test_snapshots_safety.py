"""Snapshots of what the user sees when the database is refused or read-only."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import SNAPSHOT_SIZE, fixed_clock
from textual.pilot import Pilot
from waiting import settle

from leadtui.launch import make_app
from leadtui.storage.sqlite.backup import BackupInfo
from leadtui.store import LeadStore
from leadtui.ui.screens.database_problem import DatabaseProblemApp

SnapCompare = Callable[..., bool]
REASON = (
    "leads.db is not a SQLite database (damaged, or another kind of file). It was left unchanged."
)
BACKUP = BackupInfo(
    Path("backups/leads-daily-20260316T090000000000Z.db"),
    "daily",
    datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    163_840,
)


class TestDatabaseProblemScreen:
    """The screen shown instead of a traceback when the database is refused."""

    def test_with_backup(self, snap_compare: SnapCompare) -> None:
        """The reason, the latest backup with 'press r to restore', and the way out."""
        app = DatabaseProblemApp(Path("leads.db"), REASON, BACKUP)
        assert snap_compare(app, terminal_size=SNAPSHOT_SIZE)

    def test_without_backup(self, snap_compare: SnapCompare) -> None:
        """The reason and 'No backup of it was found'; no restore key in the footer."""
        app = DatabaseProblemApp(Path("leads.db"), REASON, None)
        assert snap_compare(app, terminal_size=SNAPSHOT_SIZE)

    def test_restore_confirmation(self, snap_compare: SnapCompare) -> None:
        """Pressing r asks before replacing the file (Cancel focused)."""
        app = DatabaseProblemApp(Path("leads.db"), REASON, BACKUP)
        assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, press=["r"])


class TestReadOnlyBanner:
    """The lead list over a read-only database."""

    def test_banner_on_list(
        self, snap_compare: SnapCompare, demo_template: Path, tmp_path: Path
    ) -> None:
        """A warning line under the header says edits are disabled."""
        path = tmp_path / "demo.db"
        shutil.copyfile(demo_template, path)
        store = LeadStore.open(path, clock=fixed_clock, read_only=True)
        app = make_app(store)

        async def fixed_title(pilot: Pilot[Any]) -> None:
            pilot.app.sub_title = "leads.db (read-only)"
            await settle(pilot)

        assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=fixed_title)
