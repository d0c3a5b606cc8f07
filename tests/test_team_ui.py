"""Team mode in the app and the CLI: W assigns (undoable), "Mine" on list, board and agenda."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

from click.testing import CliRunner, Result
from conftest import AppFactory
from pg_fixtures import both_backends
from textual.widgets import Input, OptionList
from waiting import run_from_palette, settle, wait_until

from leadtui.cli import main
from leadtui.domain.agenda import AgendaSection
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.store import LeadStore
from leadtui.ui.screens.agenda import AgendaScreen
from leadtui.ui.screens.assign import AssignDialog
from leadtui.ui.screens.detail_commands import LeadDetailCommands
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.widgets.timeline import timeline_text

SIZE = (120, 36)


def owner_of(store: LeadStore, lead_id: int) -> str | None:
    row = store.reads.lead_row(lead_id)
    assert row is not None
    return row.owner


@both_backends
class TestAssignInTheApp:
    """W on the list and the detail assigns; u takes it back."""

    async def test_at_on_the_list_assigns_marked_leads_and_u_undoes(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = cast(LeadListScreen, pilot.app.screen)
            await pilot.press("space", "down", "space")
            await settle(pilot)
            ids = sorted(screen.table.marked)
            assert len(ids) == 2 and all(owner_of(demo_store, i) is None for i in ids)
            await pilot.press("W")
            await settle(pilot)
            dialog = pilot.app.screen
            assert isinstance(dialog, AssignDialog)
            box = dialog.query_one(Input)
            assert box.value == "ana"  # assigning to oneself is one key
            box.value = "luis"
            await pilot.press("enter")
            await settle(pilot)
            assert [owner_of(demo_store, i) for i in ids] == ["luis", "luis"]
            assert not screen.table.marked
            await pilot.press("u")
            await settle(pilot)
            assert [owner_of(demo_store, i) for i in ids] == [None, None]

    async def test_at_on_the_detail_and_from_the_palette(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            detail = pilot.app.screen
            assert isinstance(detail, LeadDetailScreen)
            await pilot.press("W", "enter")
            await settle(pilot)
            assert owner_of(demo_store, detail.lead_id) == "ana"
            assert detail.detail is not None and detail.detail.owner == "ana"
            help_line = LeadDetailCommands(detail)._with_key("assign", "x")
            assert help_line == "W · x"  # the palette entry shows the key
            await run_from_palette(pilot, "Assign", "Assign")
            assert isinstance(pilot.app.screen, AssignDialog)
            pilot.app.screen.query_one(Input).value = ""
            await pilot.press("enter")
            await settle(pilot)
            assert owner_of(demo_store, detail.lead_id) is None
            await pilot.press("u")
            await settle(pilot)
            assert owner_of(demo_store, detail.lead_id) == "ana"

    async def test_escape_assigns_nothing(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            row = cast(LeadListScreen, pilot.app.screen).table.current_row
            assert row is not None
            await pilot.press("W", "escape")
            await settle(pilot)
            assert owner_of(demo_store, row.id) is None


def test_the_timeline_says_who() -> None:
    from datetime import UTC, datetime

    from leadtui.domain.rows import TimelineEntry

    at = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    entries = [
        TimelineEntry(at, "activity", 1, activity_kind="call", body="Hi", actor="luis"),
        TimelineEntry(at, "stage", 2, from_stage="new", to_stage="won"),
    ]
    text = "\n".join(str(part) for part in timeline_text(entries, at, {}).renderables)
    assert "Call" in text and "by luis" in text
    assert text.count("by ") == 1  # a change from before team mode names nobody


@both_backends
class TestMine:
    """The built-in "Mine" view (owner:me) on the list and the board, o on the agenda."""

    async def test_mine_on_the_list_and_the_board(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        rows = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 3)
        demo_store.team.assign([rows[0].id, rows[2].id], "ana")
        app = app_factory(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = cast(LeadListScreen, pilot.app.screen)
            await pilot.press("o")
            await settle(pilot)
            options = pilot.app.screen.query_one(OptionList)
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            options.highlighted = ids.index("Mine")
            options.focus()  # with no view of one's own, the name box has the focus
            await pilot.press("enter")
            await settle(pilot)
            assert screen.loader.counts is not None and screen.loader.counts.total == 2
            await pilot.press("b")
            await settle(pilot)
            board = cast(FunnelBoardScreen, pilot.app.screen)
            await pilot.press("o")
            await settle(pilot)
            options = pilot.app.screen.query_one(OptionList)
            options.highlighted = ids.index("Mine")
            options.focus()  # with no view of one's own, the name box has the focus
            await pilot.press("enter")
            await wait_until(
                pilot,
                lambda: sum(c.state.total or 0 for c in board.columns) == 2,
                "the board showing only my two leads",
            )

    async def test_o_on_the_agenda_shows_only_mine(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        overdue = demo_store.reads.agenda_page(AgendaSection.OVERDUE, 0, 10)
        assert len(overdue) >= 2
        demo_store.team.assign([overdue[1].lead.id], "ana")
        app = app_factory(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("A")
            await settle(pilot)
            agenda = cast(AgendaScreen, pilot.app.screen)
            everyone = agenda.counts[AgendaSection.OVERDUE]
            await pilot.press("o")
            await settle(pilot)
            assert [row.lead.id for row in agenda.rows] == [overdue[1].lead.id]
            assert agenda.counts[AgendaSection.OVERDUE] == 1
            assert agenda.sub_title == "Mine"
            await pilot.press("o")
            await settle(pilot)
            assert agenda.counts[AgendaSection.OVERDUE] == everyone


def test_a_built_in_view_cannot_be_deleted(demo_store: LeadStore) -> None:
    import pytest

    from leadtui.domain.validation import ValidationError

    assert demo_store.views.view("mine").filter_text == "owner:me"
    with pytest.raises(ValidationError):
        demo_store.views.delete_view("Mine")


# -- the CLI ----------------------------------------------------------------------------


def run(db: Path, *args: str) -> Result:
    """Invoke the CLI in-process on ``db``."""
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_cli_assign_whoami_and_owner_in_json(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    for email in ("eva@example.com", "bo@example.com"):
        assert run(db, "add", "--first-name", "X", "--email", email).exit_code == 0
    assert run(db, "whoami").output == "ana\n"
    done = run(db, "assign", "eva@example.com", "luis").output
    assert done == "Lead 1 is now assigned to luis.\n"
    assert "already" in run(db, "assign", "1", "luis").output
    assert "nobody" in run(db, "assign", "2", "--none").output
    listed = [json.loads(line) for line in run(db, "list", "--json").output.splitlines()]
    assert {row["email"]: row["owner"] for row in listed} == {
        "eva@example.com": "luis",
        "bo@example.com": None,
    }
    mine = run(db, "list", "--view", "Mine", "--json").output.splitlines()
    assert mine == []
    run(db, "assign", "2", "--me")
    found = run(db, "list", "--filter", "owner:me", "--json").output.splitlines()
    mine = [json.loads(line)["email"] for line in found]
    assert mine == ["bo@example.com"]
    refused = run(db, "assign", "1", "luis", "--me")
    assert refused.exit_code != 0 and "one of USER, --me or --none" in refused.output
