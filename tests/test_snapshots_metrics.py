"""Snapshots of the board's metrics panel: by source, by month, and a segment (EN and ES)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from language import fresh, speaking
from textual.pilot import Pilot
from waiting import settle, wait_until

from leadtui.launch import make_app
from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]
Script = Callable[[Pilot[Any]], Awaitable[None]]
SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def panel_after(*pressed: str, search: str = "") -> Script:
    """Open the board, filter it by ``search`` (if any), open the panel, press ``pressed``."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.switch_mode("board")
        await settle(pilot)
        if search:
            await pilot.press("slash", *search, "enter")
            await settle(pilot)
        await pilot.press("i", *pressed)
        board = pilot.app.screen
        await wait_until(pilot, lambda: board.up_to_date, "the panel's numbers")  # type: ignore[attr-defined]
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
class TestMetricsPanel:
    """The metrics panel under the board, in English."""

    def test_by_source(self, demo_store: LeadStore, snap_compare: SnapCompare, size: Any) -> None:
        """`T` once: sources by leads, a bar each, conversion per stage, win rate, won value."""
        app = make_app(demo_store, demo=True)
        assert snap_compare(app, terminal_size=size, run_before=panel_after("T"))

    def test_by_month(self, demo_store: LeadStore, snap_compare: SnapCompare, size: Any) -> None:
        """`T` twice: the latest creation months (cohorts), oldest first."""
        app = make_app(demo_store, demo=True)
        assert snap_compare(app, terminal_size=size, run_before=panel_after("T", "T"))

    def test_segment(self, demo_store: LeadStore, snap_compare: SnapCompare, size: Any) -> None:
        """A board filtered by `source:event`: the funnel of that segment, and it says so."""
        app = make_app(demo_store, demo=True)
        assert snap_compare(app, terminal_size=size, run_before=panel_after(search="source:event"))


@pytest.fixture
def spanish() -> Iterator[Callable[[LeadStore], Any]]:
    """Inside Spanish: a factory for the (re-imported, Spanish) app on a store."""
    with speaking("es"):
        spanish_app = fresh("leadtui.launch", "make_app")
        yield lambda store: spanish_app(store, demo=True)


@pytest.mark.parametrize("size", SIZES)
class TestMetricsPanelSpanish:
    """The metrics panel in Spanish."""

    def test_segment_by_source(
        self, demo_store: LeadStore, snap_compare: SnapCompare, spanish: Any, size: Any
    ) -> None:
        """Un segmento (`source:event`) por origen: lo dice y cuenta solo sus contactos."""
        assert snap_compare(
            spanish(demo_store),
            terminal_size=size,
            run_before=panel_after("T", search="source:event"),
        )
