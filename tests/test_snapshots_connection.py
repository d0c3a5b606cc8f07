"""Snapshots of a dropped connection to the database server: the banner on top of the
list and of a half-typed form (its text kept), in English and Spanish.

The banner is raised the way the app raises it (``app.connection.lost``), on the sample
data; the first retry is put an hour away so the picture is the same every time. The
real outage, on a real server, is in ``test_connection_lost.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from conftest import SNAPSHOT_SIZE, AppFactory
from test_snapshots_agenda import spanish  # noqa: F401 (the Spanish app fixture)
from textual.pilot import Pilot

from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]
Script = Callable[[Pilot[Any]], Awaitable[None]]


def dropped(*pressed: str) -> Script:
    """Lose the connection (no retry for an hour), then press ``pressed``."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app: Any = pilot.app
        app.sub_title = "snapshot"
        app.connection.backoff = (3600.0,)
        app.connection.lost()
        await pilot.press(*pressed)
        await pilot.pause(0.3)
        for box in app.screen.query("Input"):
            box.cursor_blink = False

    return run


class TestConnectionBanner:
    """What the user sees while the server cannot be reached."""

    def test_list(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """A red line on top: no connection, reconnecting, what you typed stays."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=dropped()
        )

    def test_half_typed_form(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """The new-lead form keeps "Medio" under the banner."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=dropped("n", *"Medio"),
        )

    def test_spanish(
        self,
        snap_compare: SnapCompare,
        demo_store: LeadStore,
        spanish: Any,  # noqa: F811 (the imported fixture)
    ) -> None:
        """La línea roja en español, sobre la lista."""
        assert snap_compare(spanish(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=dropped())


def opened_unreachable(key: str) -> Script:
    """Open a screen (``key``) while every read fails as on a server that went away."""

    async def run(pilot: Pilot[Any]) -> None:
        from leadtui.domain.errors import ConnectionLost

        await pilot.pause()
        app: Any = pilot.app
        app.sub_title = "snapshot"
        app.connection.backoff = (3600.0,)

        def unreachable(*_args: Any, **_kwargs: Any) -> Any:
            raise ConnectionLost("No connection to the database server.")

        app.store.reads.stages = unreachable
        await pilot.press(key)
        await pilot.pause(0.3)

    return run


class TestOpenedDuringAnOutage:
    """A screen opened while the server is away: the banner over an empty screen whose
    own keys wait (it is built and read again when the connection is back)."""

    def test_board(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """The board's frame, no columns, the banner; the footer keeps the app's keys."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=opened_unreachable("b"),
        )

    def test_board_spanish(
        self,
        snap_compare: SnapCompare,
        demo_store: LeadStore,
        spanish: Any,  # noqa: F811 (the imported fixture)
    ) -> None:
        """El tablero abierto sin conexión, en español."""
        assert snap_compare(
            spanish(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=opened_unreachable("b")
        )
