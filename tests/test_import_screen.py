"""Pilot tests of the import screen: preview counts, mapping, confirm, progress, undo."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import AppFactory
from db_tables import every_table
from pg_fixtures import both_backends
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, ProgressBar, Select, Static
from waiting import running_workers, settle, wait_until

from leadtui.storage.columns import LEAD
from leadtui.store import LeadStore
from leadtui.ui.cursor_rest import TIMER_NAME
from leadtui.ui.screens.confirm import ConfirmScreen
from leadtui.ui.screens.import_fields import FieldPickerScreen
from leadtui.ui.screens.import_screen import ImportScreen

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def lead_rows(store: LeadStore) -> list[tuple[Any, ...]]:
    """(first name, email, company) of every lead, by id (either backend)."""
    picked = [LEAD.names.index(name) for name in ("first_name", "email", "company")]
    return [tuple(row[i] for i in picked) for row in every_table(store)["lead"]]


async def open_with(pilot: Pilot[Any], path: Path) -> ImportScreen:
    await pilot.press("ctrl+o")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    box = screen.query_one("#import-path", Input)
    box.cursor_blink = False
    box.value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return screen


def counts_text(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-counts", Static).render())


@both_backends
async def test_preview_confirm_progress_and_undo(store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "hubspot_en.csv")
        info = str(screen.query_one("#import-info", Static).render())
        assert "HubSpot contacts" in info and "utf-8" in info
        assert "4 rows: 4 new · 0 updated · 0 duplicates skipped · 0 invalid" in counts_text(screen)
        issues = screen.query_one("#import-issues", DataTable)
        assert issues.row_count == 1
        assert "@-sign" in str(issues.get_row_at(0)[3])
        bar = screen.query_one("#import-progress", ProgressBar)
        assert (bar.total, bar.progress) == (4, 4)
        assert lead_rows(store) == []  # the preview's dry run wrote nothing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)
        assert [row[1] for row in lead_rows(store)] == [
            "laura.martin@acme-example.com",
            "tom.baker@brightco-example.com",
            "NINA.PATEL@acme-example.com",
            None,  # Bad Address: kept, its invalid email left out
        ]
        entry = app.undo_history.pop()
        assert entry is not None and "hubspot_en.csv" in entry.description
        entry.revert()
        assert lead_rows(store) == []


@both_backends
async def test_mapping_edit_changes_what_is_imported(
    store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "hubspot_en.csv")
        table = screen.query_one("#import-mapping", DataTable)
        assert table.has_focus
        company_row = list(screen.preview.header).index("Company Name")
        table.move_cursor(row=company_row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FieldPickerScreen)
        await pilot.press("end", "enter")  # the last field is "(ignore)"
        await settle(pilot)
        assert screen.mapping[company_row] == "ignore"
        assert "(ignore)" in str(table.get_row_at(company_row)[1])
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert {row[2] for row in lead_rows(store)} == {""}
        assert len(lead_rows(store)) == 4


async def test_bad_file_is_explained_and_escape_leaves(
    store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "duplicate_columns.csv")
        info = str(screen.query_one("#import-info", Static).render())
        assert "'Email' appears twice" in info
        await pilot.press("ctrl+s")  # nothing to import: no dialog
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)


async def test_a_superseded_count_never_overwrites_the_newer_one(
    store: LeadStore, app_factory: AppFactory
) -> None:
    """Counting again (mode or mapping changed) supersedes the old count; whatever the
    old one ends with ("cancelled", or a result) must not replace the newer one's."""
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "hubspot_en.csv")
        screen.count()
        screen.cancel_event = threading.Event()  # what a newer count does first
        # The screen stays busy (the newer count never started): wait for the worker only.
        await wait_until(pilot, lambda: not running_workers(app), "the old count to end")
        assert counts_text(screen) == "Counting…"  # the old count's result was dropped
        screen.count()
        await settle(pilot)
        assert "4 rows: 4 new" in counts_text(screen)
        assert not screen.busy


async def test_opening_a_file_reads_it_once(
    store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The duplicates Select reports its first value as it mounts; that is not a change
    of mode and must not start a second dry run over the whole file. A real change does."""
    dry_runs: list[str] = []
    real_import_rows = store.imports.import_rows

    def recording(preview: Any, options: Any, progress: Any = None) -> Any:
        dry_runs.append(options.on_duplicate)
        return real_import_rows(preview, options, progress)

    monkeypatch.setattr(store.imports, "import_rows", recording)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await app.push_screen(ImportScreen(str(FIXTURES / "hubspot_en.csv")))
        await settle(pilot)
        await settle(pilot)
        assert dry_runs == ["skip"]
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#import-duplicates", Select).value = "update"
        await settle(pilot)
        assert dry_runs == ["skip", "update"]
        assert "4 rows: 4 new" in counts_text(screen)


async def test_big_counts_group_thousands(
    store: LeadStore, app_factory: AppFactory, tmp_path: Path
) -> None:
    """Counts over 999 are grouped in the preview and in the confirmation."""
    path = tmp_path / "many.csv"
    path.write_text(
        "First name,Email\n" + "".join(f"Ana,ana{n}@example.org\n" for n in range(1200)),
        encoding="utf-8",
    )
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, path)
        assert "1,200 rows: 1,200 new · 0 updated" in counts_text(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert str(confirm.body).startswith("Add 1,200 new leads and update 0 from many.csv")


async def test_a_cancelled_recount_leaves_nothing_to_confirm(
    store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts from before a mode change must not be quoted for an import in the new mode."""
    real_import_rows = store.imports.import_rows

    def recount_waits_for_cancel(preview: Any, options: Any, progress: Any = None) -> Any:
        if options.on_duplicate == "update":
            assert options.cancel.wait(10)  # the user cancels while it runs
        return real_import_rows(preview, options, progress)

    monkeypatch.setattr(store.imports, "import_rows", recount_waits_for_cancel)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "hubspot_en.csv")
        screen.query_one("#import-duplicates", Select).value = "update"
        await wait_until(pilot, lambda: bool(running_workers(app)), "the recount to start")
        assert screen.busy
        await pilot.press("escape")
        await settle(pilot)
        assert "cancelled" in counts_text(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # no confirmation quoting the old counts
        assert lead_rows(store) == []


async def test_idle_import_screen_runs_no_timer_or_animation(
    store: LeadStore, app_factory: AppFactory
) -> None:
    """Before a file is chosen nothing redraws but the path box's blinking cursor."""
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert not screen.query(ProgressBar)
        running: list[str] = []
        for node in (app, *screen.walk_children(with_self=True)):
            assert node.auto_refresh is None, node
            running += [
                str(node)
                for timer in node._timers
                if timer._active.is_set()
                and timer._task is not None
                and not timer._task.done()
                and timer.name != TIMER_NAME  # one shot: the cursor's rest, then nothing
            ]
        assert set(running) <= {"Input(id='import-path')"}  # at most its cursor blink
        assert not app.animator._animations
        screen.query_one("#import-path", Input).value = str(FIXTURES / "hubspot_en.csv")
        await pilot.press("enter")
        await settle(pilot)
        bar = screen.query_one("#import-progress", ProgressBar)  # mounted by the first run
        assert (bar.total, bar.progress) == (4, 4)


async def test_an_ambiguous_date_column_is_said_before_importing(
    store: LeadStore, app_factory: AppFactory, tmp_path: Path
) -> None:
    """#18 item 5: the dry run names a date column no value decides (03/11 or 11/03?)."""
    path = tmp_path / "dates.csv"
    path.write_text("first_name,created_at\nAna,03/11/2026\nBea,04/05/2026\n", encoding="utf-8")
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, path)
        lines = counts_text(screen).splitlines()
        assert lines[0].startswith("2 rows: 2 new")
        assert len(lines) == 2 and "created_at" in lines[1] and "ambiguous" in lines[1]


async def test_year_first_dates_raise_no_doubt(store: LeadStore, app_factory: AppFactory) -> None:
    """ISO dates need no day/month order: nothing is said about them."""
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, FIXTURES / "hubspot_en.csv")  # Create Date: 2024-03-15
        assert len(counts_text(screen).splitlines()) == 1
