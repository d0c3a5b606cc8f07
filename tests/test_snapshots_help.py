"""Snapshots of F1 on every screen: what the screen is, in our words, then its keys (from
its bindings), in English and Spanish, at 120×36 and 80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from conftest import AppFactory
from language import fresh, speaking
from textual.pilot import Pilot
from waiting import settle

from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]
Script = Callable[[Pilot[Any]], Awaitable[None]]
SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]
SCREENS = {
    "list": (),
    "detail": ("enter",),
    "board": ("b",),
    "agenda": ("A",),
    "triage": ("A", "t"),
    "duplicates": ("D",),
    "import": ("ctrl+o",),
}


def help_of(*pressed: str) -> Script:
    """Settle, open the screen, then F1."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.sub_title = "snapshot"
        for key in (*pressed, "f1"):
            await pilot.press(key)
            await settle(pilot)
        assert type(pilot.app.screen).__name__ == "ScreenHelpDialog"

    return run


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
class TestHelpSnapshots:
    """F1 on each screen."""

    def test_english(
        self,
        snap_compare: SnapCompare,
        demo_store: LeadStore,
        app_factory: AppFactory,
        screen: str,
        size: Any,
    ) -> None:
        """The screen's paragraphs and its keys, in English."""
        app = app_factory(demo_store)
        assert snap_compare(app, terminal_size=size, run_before=help_of(*SCREENS[screen]))

    def test_spanish(
        self, snap_compare: SnapCompare, demo_store: LeadStore, screen: str, size: Any
    ) -> None:
        """The same help in Spanish."""
        with speaking("es"):
            app = fresh("leadtui.launch", "make_app")(demo_store)
            assert snap_compare(app, terminal_size=size, run_before=help_of(*SCREENS[screen]))
