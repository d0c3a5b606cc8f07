"""Live updates (both backends): a colleague's committed change reaches the open screens.

PostgreSQL signals through ``LISTEN/NOTIFY`` (statement triggers), SQLite through a
``PRAGMA data_version`` poll. The colleague is a second store on the same database, as a
second leadtui would be.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any, cast

import pytest
from conftest import AppFactory, fixed_clock
from pg_fixtures import both_backends, store_target
from textual.widgets import TextArea
from waiting import settle, wait_until

from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.launch import open_store
from leadtui.store import LeadStore
from leadtui.ui.screens.agenda import AgendaScreen
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_list import LeadListScreen

pytestmark = both_backends

SIZE = (120, 36)


@pytest.fixture
def colleague(demo_store: LeadStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[LeadStore]:
    """Luis, working on the same database in another leadtui; the app listens live."""
    assert demo_store.team.me() == "ana"
    monkeypatch.setenv("LEADTUI_USER", "luis")
    monkeypatch.setenv("LEADTUI_LIVE", "1")
    other = open_store(store_target(demo_store), clock=fixed_clock)
    yield other
    other.close()


def test_a_committed_change_calls_the_listener(demo_store: LeadStore, colleague: LeadStore) -> None:
    heard = threading.Event()
    listening = demo_store.team.listen(heard.set)
    try:
        lead = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
        for _attempt in range(20):  # the listener may start after the first change
            colleague.pipeline.move_lead(
                lead.id, "qualified" if lead.stage != "qualified" else "new"
            )
            lead = colleague.reads.lead_row(lead.id) or lead
            if heard.wait(1.0):
                break
        assert heard.is_set()
        heard.clear()
        colleague.leads.add_lead(LeadInput(first_name="Nueva"))
        assert heard.wait(10)
    finally:
        listening.stop()


def test_a_change_committed_before_listening_is_not_missed(
    demo_store: LeadStore, colleague: LeadStore
) -> None:
    """The app reads its first screen, then starts listening: a colleague's commit in
    between sent no notice (PostgreSQL) and changed no version the poll had seen (SQLite)."""
    lead = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
    colleague.pipeline.move_lead(lead.id, "qualified" if lead.stage != "qualified" else "new")
    heard = threading.Event()
    listening = demo_store.team.listen(heard.set)
    try:
        assert heard.wait(10)
    finally:
        listening.stop()


def test_an_idle_listener_sleeps_and_stops_at_once(
    demo_store: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing happens: the listener does not wake (no CPU); stop() ends its wait at once."""
    import select

    from leadtui.storage.postgres import team

    waits: list[float] = []
    real_select = select.select

    def counted(*args: Any) -> Any:
        waits.append(args[3])
        return real_select(*args)

    monkeypatch.setattr(team, "select", SimpleNamespace(select=counted))
    listening = demo_store.team.listen(lambda: None)
    time.sleep(1.0)
    if isinstance(store_target(demo_store), str):  # PostgreSQL: one long wait, not a poll
        assert len(waits) == 1 and waits[0] >= 30
    began = time.monotonic()
    listening.stop()
    assert time.monotonic() - began < 1.0
    assert not listening.running


async def test_the_board_shows_a_colleagues_move(
    demo_store: LeadStore, colleague: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.app.switch_mode("board")
        await settle(pilot)
        board = cast(FunnelBoardScreen, pilot.app.screen)
        current = board.column.state.current
        assert current is not None
        first = board.columns[0]
        moved = next(card for card in first.state.cards if card.id != current.id)
        qualified = next(c for c in board.columns if c.state.stage.key == "qualified")
        colleague.pipeline.move_lead(moved.id, "qualified")

        def arrived() -> bool:
            return moved.id in {card.id for card in qualified.state.cards} and moved.id not in {
                card.id for card in first.state.cards
            }

        await wait_until(pilot, arrived, "the colleague's move on the board")
        assert board.column.state.current is not None
        assert board.column.state.current.id == current.id


async def test_the_list_shows_a_colleagues_edit_keeping_cursor_and_marks(
    demo_store: LeadStore, colleague: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = cast(LeadListScreen, pilot.app.screen)
        await pilot.press("down", "down", "space", "down")  # mark the third row, on the fourth
        await settle(pilot)
        marked = set(screen.table.marked)
        cursor = screen.table.current_row
        assert marked and cursor is not None
        target = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
        data, version = colleague.leads.lead_input(target.id)
        data.first_name = "Renombrada"
        colleague.leads.update_lead(target.id, version, data)

        def shown() -> bool:
            rows = [screen.table.source.row(index) for index in range(3)]
            return any(row is not None and row.first_name == "Renombrada" for row in rows)

        await wait_until(pilot, shown, "the colleague's edit in the list")
        await settle(pilot)
        assert set(screen.table.marked) == marked
        assert screen.table.current_row is not None
        assert screen.table.current_row.id == cursor.id


async def test_the_detail_shows_a_colleagues_note_and_keeps_a_half_typed_one(
    demo_store: LeadStore, colleague: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = pilot.app.screen
        assert isinstance(detail, LeadDetailScreen)
        await pilot.press("a")
        await settle(pilot)
        dialog = pilot.app.screen
        await pilot.press(*"half typed")
        colleague.touches.add_activity(detail.lead_id, "call", "Luis called")

        def logged() -> bool:
            return detail.detail is not None and any(
                entry.actor == "luis" and entry.body == "Luis called"
                for entry in detail.detail.timeline
            )

        await wait_until(pilot, logged, "the colleague's call in the detail")
        assert pilot.app.screen is dialog
        assert "half typed" in dialog.query_one(TextArea).text


async def test_the_agenda_recounts_after_a_colleagues_change(
    demo_store: LeadStore, colleague: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        agenda = cast(AgendaScreen, pilot.app.screen)
        assert agenda.rows
        gone = agenda.rows[-1].lead.id
        before = sum(agenda.counts.values())
        colleague.leads.delete_leads([gone])

        def recounted() -> bool:
            return gone not in {row.lead.id for row in agenda.rows} and agenda.up_to_date

        await wait_until(pilot, recounted, "the agenda without the deleted lead")
        await wait_until(pilot, lambda: sum(agenda.counts.values()) < before, "new counts")
