"""The connection to PostgreSQL drops mid-session (issue #17, "clear failures").

The outage is real: the test database stops taking connections
(``ALTER DATABASE … ALLOW_CONNECTIONS false``) and every session on it is ended with
``pg_terminate_backend``, as when the server restarts; then connections are allowed
again, as when it is back. The app shows its banner, keeps a half-typed form, reports
the save that failed, reconnects with backoff and saves on the second try.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from click.testing import CliRunner
from conftest import AppFactory, fixed_clock
from postgres_server import PostgresServer
from psycopg.conninfo import conninfo_to_dict
from textual.widgets import Input
from waiting import settle, wait_until

from leadtui.cli import main
from leadtui.domain.errors import ConnectionLost
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.launch import open_store
from leadtui.ui.screens.lead_form import LeadFormScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.widgets.connection_banner import ConnectionBanner

SIZE = (120, 36)


@contextmanager
def outage(server: PostgresServer, url: str) -> Iterator[None]:
    """No connection to the database of ``url`` works inside the block."""
    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def live_leads(url: str) -> int:
    """Live leads, counted by a fresh connection."""
    store = open_store(url, clock=fixed_clock)
    try:
        return store.reads.count_list(LeadFilter()).total
    finally:
        store.close()


def banner(app: object) -> str:
    """The connection banner's text on the current screen ("" when none)."""
    from textual.app import App

    assert isinstance(app, App)
    shown = app.screen.query(ConnectionBanner)
    return str(shown.first().render()) if shown else ""


@pytest.mark.parametrize("live", ["1", "0"], ids=["listener-notices", "a-write-notices"])
async def test_a_dropped_connection_keeps_the_form_and_saves_after(
    pg_server: PostgresServer,
    pg_demo_url: str,
    app_factory: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    live: str,
) -> None:
    monkeypatch.setenv("LEADTUI_LIVE", live)
    store = open_store(pg_demo_url, clock=fixed_clock)
    before = live_leads(pg_demo_url)
    app = app_factory(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, LeadFormScreen)
            form = app.screen
            form.query_one("#in-first_name", Input).focus()
            await pilot.press(*"Medio")
            with outage(pg_server, pg_demo_url):
                if live == "1":  # the listener's connection ends: the banner comes by itself
                    await wait_until(pilot, lambda: bool(banner(app)), "the banner")
                await pilot.press(*" escrito")
                await pilot.press("ctrl+s")
                await wait_until(pilot, lambda: app.connection.down, "the lost connection")
                await wait_until(pilot, lambda: bool(app._notifications), "the error toast")
                await pilot.pause(0.1)  # (settle would wait for the reconnecting worker)
                assert "No connection to the database server" in banner(app)
                toasts = [str(note.message) for note in app._notifications]
                assert any("nothing was saved" in text for text in toasts), toasts
                assert any("Try again once the connection is back" in text for text in toasts)
                assert app.screen is form  # the form stays, with what was typed
                assert form.query_one("#in-first_name", Input).value == "Medio escrito"
                app.live.refresh_now()  # a read in a worker fails too: no traceback
                await pilot.pause(0.3)
                assert app.is_running and app.connection.down
                await wait_until(pilot, lambda: app.connection.attempts >= 1, "a retry")
            await wait_until(pilot, lambda: not app.connection.down, "the reconnection", 20)
            await settle(pilot)
            assert banner(app) == ""
            assert any("is back" in str(note.message) for note in app._notifications)
            assert app.screen is form
            await pilot.press("ctrl+s")  # the retry: saving again
            await wait_until(pilot, lambda: isinstance(app.screen, LeadListScreen), "the list")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LeadListScreen)
            await wait_until(
                pilot,
                lambda: screen.table.source.total == before + 1,
                "the list read again",
            )
            assert app.connection.outages == 1
        assert app.return_code in (None, 0)
    finally:
        store.close()
    assert live_leads(pg_demo_url) == before + 1
    found = open_store(pg_demo_url, clock=fixed_clock)
    try:
        rows = found.reads.page_list(LeadFilter(search="escrito"), LeadSort(), 0, 5)
        assert [row.first_name for row in rows] == ["Medio escrito"]
    finally:
        found.close()


def test_a_store_write_during_an_outage_raises_connection_lost_and_then_works(
    pg_server: PostgresServer, pg_demo_url: str
) -> None:
    store = open_store(pg_demo_url, clock=fixed_clock)
    try:
        lead = store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
        with outage(pg_server, pg_demo_url):
            with pytest.raises(ConnectionLost, match="nothing was saved"):
                store.pipeline.move_lead(lead.id, "won")
            with pytest.raises(ConnectionLost):
                store.reads.count_list(LeadFilter())
            with pytest.raises(ConnectionLost):
                store.team.ping()
        store.team.ping()
        assert store.reads.count_list(LeadFilter()).total > 0  # the broken reader was replaced
        store.pipeline.move_lead(lead.id, "won")
        assert store.reads.lead_row(lead.id).stage == "won"  # type: ignore[union-attr]
    finally:
        store.close()


def test_the_cli_says_it_in_one_line(pg_server: PostgresServer, pg_demo_url: str) -> None:
    with outage(pg_server, pg_demo_url):
        result = CliRunner().invoke(main, ["--db", pg_demo_url, "list"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Cannot connect to" in lines[0] and "Traceback" not in result.output


@pytest.mark.parametrize("opened", ["board", "agenda", "detail"])
async def test_a_screen_opened_during_an_outage_fills_in_when_it_is_back(
    pg_server: PostgresServer,
    pg_demo_url: str,
    app_factory: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    opened: str,
) -> None:
    """The board, the agenda or a lead's detail, opened while the server is away: a banner,
    no traceback, and the screen's data once the connection is back."""
    monkeypatch.setenv("LEADTUI_LIVE", "0")  # the read itself notices the outage
    store = open_store(pg_demo_url, clock=fixed_clock)
    app = app_factory(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            list_screen = app.screen
            assert isinstance(list_screen, LeadListScreen)
            with outage(pg_server, pg_demo_url):
                await pilot.press({"board": "b", "agenda": "A", "detail": "enter"}[opened])
                await wait_until(pilot, lambda: app.connection.down, "the lost connection")
                await pilot.pause(0.2)
                assert app.is_running and "No connection" in banner(app)
                waiting = app.screen
                assert getattr(waiting, "read_missed", False)
                assert not waiting.check_action("open", ())  # its own keys wait
                assert waiting.check_action("back", ())  # but the way out works
            await wait_until(pilot, lambda: not app.connection.down, "the reconnection", 20)
            await settle(pilot)
            assert banner(app) == ""
            assert filled_in(app, opened), f"the {opened} stayed empty"
            assert app.screen is waiting and not waiting.read_missed  # type: ignore[attr-defined]
    finally:
        store.close()


def filled_in(app: object, opened: str) -> bool:
    """True when the screen shows the data it reads (cards, sections, or the lead)."""
    from leadtui.ui.screens.agenda import AgendaScreen
    from leadtui.ui.screens.funnel_board import FunnelBoardScreen
    from leadtui.ui.screens.lead_detail import LeadDetailScreen

    screen = getattr(app, "screen", None)
    if opened == "board":
        return isinstance(screen, FunnelBoardScreen) and any(
            column.state.cards for column in screen.columns
        )
    if opened == "agenda":
        return isinstance(screen, AgendaScreen) and bool(screen.counts)
    return isinstance(screen, LeadDetailScreen) and screen.detail is not None


async def test_a_key_whose_action_reads_during_an_outage_keeps_the_app_answering(
    pg_server: PostgresServer,
    pg_demo_url: str,
    app_factory: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`F` reads the tags on the UI thread: during an outage, a banner, and keys still work."""
    monkeypatch.setenv("LEADTUI_LIVE", "0")
    store = open_store(pg_demo_url, clock=fixed_clock)
    app = app_factory(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LeadListScreen)
            with outage(pg_server, pg_demo_url):
                await pilot.press("F")
                await wait_until(pilot, lambda: app.connection.down, "the lost connection")
                assert app.is_running and isinstance(app.screen, LeadListScreen)
            await wait_until(pilot, lambda: not app.connection.down, "the reconnection", 20)
            await settle(pilot)
            cursor = screen.table.cursor
            await pilot.press("j")  # the list still answers its keys
            await settle(pilot)
            assert screen.table.cursor == cursor + 1
            await pilot.press("F")  # and the dialog opens now
            await settle(pilot)
            assert app.screen is not screen
    finally:
        store.close()
