"""The one write contract (ui/writes.py): off the UI thread, one toast, form kept, one undo.

Another program holding the write lock is a second sqlite3 connection in
``BEGIN IMMEDIATE``; every wait is on a condition (tests/waiting.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import pytest
from conftest import AppFactory
from pg_fixtures import both_backends
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import settle, wait_until

from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.storage.sqlite import connect as sqlite_db
from leadtui.store import LeadStore
from leadtui.ui import undo_actions
from leadtui.ui.screens import board_moves, lead_detail, list_actions
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_form import LeadFormScreen
from leadtui.ui.screens.lead_list import LeadListScreen

pytestmark = both_backends

SIZE = (120, 36)


def messages(app: Any) -> list[str]:
    """The text of every toast shown so far."""
    return [str(n.message) for n in app._notifications]


def errors(app: Any) -> list[str]:
    """The text of every error toast shown so far."""
    return [str(n.message) for n in app._notifications if n.severity == "error"]


@contextmanager
def write_lock(store: LeadStore) -> Iterator[sqlite3.Connection]:
    """Hold the database's write lock from another connection until the block ends."""
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def short_busy_timeout(monkeypatch: pytest.MonkeyPatch, store: LeadStore, ms: int) -> None:
    """Give up waiting for the lock after ``ms`` (connections made from now on)."""
    pragmas = tuple(
        f"PRAGMA busy_timeout={ms}" if p.startswith("PRAGMA busy_timeout") else p
        for p in sqlite_db.SQLITE_PRAGMAS
    )
    monkeypatch.setattr(sqlite_db, "SQLITE_PRAGMAS", pragmas)
    store.close()  # the next write opens a connection with the short timeout


async def open_board(pilot: Pilot[None]) -> FunnelBoardScreen:
    await settle(pilot)
    await pilot.app.switch_mode("board")
    await settle(pilot)
    return cast(FunnelBoardScreen, pilot.app.screen)


async def test_a_too_long_tag_is_one_error_toast_and_the_app_runs_on(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("number_sign")
        await settle(pilot)
        await pilot.press(*("x" * 61), "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, LeadListScreen)
        assert errors(app) == ["Too long: at most 60 characters."]
        assert "x" * 61 not in demo_store.reads.all_tags()
        screen = app.screen
        await pilot.press("j")  # still answering keys
        await settle(pilot)
        assert screen.table.cursor == 1


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
async def test_a_move_while_another_program_writes_returns_at_once_and_lands_later(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        lead = board.column.state.current
        assert lead is not None and lead.stage == "new"
        with write_lock(demo_store):
            await pilot.press("L")  # returns: the write waits in a worker
            assert board.column.state.stage.key == "contacted"  # shown at once
            assert not board.up_to_date
            row = demo_store.reads.lead_row(lead.id)
            assert row is not None and row.stage == "new"  # not written yet
            await pilot.press("h", "j")  # the board still answers keys
            await wait_until(pilot, lambda: board.current == 0, "the cursor to go left")
            assert board.column.state.cursor == 1
        await settle(pilot)  # the lock is free: the move is written
        row = demo_store.reads.lead_row(lead.id)
        assert row is not None and row.stage == "contacted"
        assert errors(app) == []


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
async def test_a_move_fails_clearly_when_the_lock_outlives_the_busy_timeout(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_busy_timeout(monkeypatch, demo_store, 200)
    app = app_factory(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        lead = board.column.state.current
        assert lead is not None
        with write_lock(demo_store):
            await pilot.press("L")
            await wait_until(pilot, lambda: bool(errors(app)), "the busy toast")
            await settle(pilot)
        assert len(errors(app)) == 1 and "busy" in errors(app)[0]
        assert "nothing was saved" in errors(app)[0]
        row = demo_store.reads.lead_row(lead.id)
        assert row is not None and row.stage == "new"
        assert board.columns[0].state.index_of(lead.id) is not None  # the board re-read it
        assert len(app.undo_history) == 0


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
async def test_a_failing_save_keeps_the_form_and_what_was_typed(
    store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_busy_timeout(monkeypatch, store, 200)
    app = app_factory(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LeadFormScreen)
        await pilot.press(*"Ana")
        with write_lock(store):
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: bool(errors(app)), "the busy toast")
            await settle(pilot)
        assert isinstance(app.screen, LeadFormScreen)
        assert app.screen.query_one("#in-first_name", Input).value == "Ana"
        assert len(errors(app)) == 1
        await pilot.press("ctrl+s")  # the lock is free now: the same form saves
        await settle(pilot)
        assert not isinstance(app.screen, LeadFormScreen)
        rows = store.reads.page_list(LeadFilter(), LeadSort(), 0, 10)
        assert [row.first_name for row in rows] == ["Ana"]


def spy_undo(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which screen called the one undo implementation."""
    calls: list[str] = []
    real = undo_actions.undo_last

    def recording(screen: Any, **kwargs: Any) -> None:
        calls.append(type(screen).__name__)
        real(screen, **kwargs)

    for module in (list_actions, lead_detail, board_moves):
        monkeypatch.setattr(module, "undo_last", recording)
    return calls


async def test_undo_from_list_detail_and_board_is_one_implementation(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = spy_undo(monkeypatch)
    app = app_factory(demo_store)
    shown: list[str] = []  # every toast, also those a newer one pushed off the screen
    notify = app.notify

    def spy(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    monkeypatch.setattr(app, "notify", spy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = cast(LeadListScreen, app.screen)
        row = screen.table.current_row
        assert row is not None
        stage_of: Callable[[], str | None] = lambda: getattr(  # noqa: E731
            demo_store.reads.lead_row(row.id), "stage", None
        )
        for key in ("greater_than_sign", "u"):  # the list
            await pilot.press(key)
            await settle(pilot)
        assert stage_of() == row.stage
        await pilot.press("enter")  # the detail
        await settle(pilot)
        assert isinstance(app.screen, LeadDetailScreen)
        for key in ("greater_than_sign", "u", "escape"):
            await pilot.press(key)
            await settle(pilot)
        assert stage_of() == row.stage
        board = await open_board(pilot)
        moved = board.column.state.current
        assert moved is not None
        for key in ("L", "u"):
            await pilot.press(key)
            await settle(pilot)
        assert getattr(demo_store.reads.lead_row(moved.id), "stage", None) == moved.stage
        assert calls == ["LeadListScreen", "LeadDetailScreen", "FunnelBoardScreen"]
        undone = [m for m in shown if m.startswith("Undone: ")]
        assert len(undone) == 3 and all(m.endswith(".") for m in undone)
        assert errors(app) == []
