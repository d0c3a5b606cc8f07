"""One keyboard: shared keys mean the same on every screen, footers keep Undo and Help at
80×24 (English and Spanish), q asks before quitting, F1 explains the screen (the README's
key tables are checked in tests/test_key_tables.py, the whole key map in tests/test_keymap.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import AppFactory
from language import fresh, speaking
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey
from waiting import settle

from leadtui.store import LeadStore
from leadtui.ui.screens.agenda import AgendaScreen
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.triage import TriageScreen


def actions(screen: type[Any]) -> dict[str, str]:
    """Key → action of a screen's own bindings."""
    found: dict[str, str] = {}
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            found[key.strip()] = binding.action
    return found


@pytest.mark.parametrize(
    ("key", "action", "screens"),
    [
        (
            "u",
            "undo",
            (LeadListScreen, FunnelBoardScreen, LeadDetailScreen, AgendaScreen, TriageScreen),
        ),
        ("A", "agenda", (LeadListScreen,)),
        ("A", "app.switch_mode('agenda')", (FunnelBoardScreen,)),
        ("q", "ask_quit", (LeadListScreen,)),
        ("q", "app.ask_quit", (FunnelBoardScreen, AgendaScreen)),
        ("b", "app.switch_mode('board')", (AgendaScreen,)),
        ("v", "app.switch_mode('leads')", (AgendaScreen,)),
        ("f", "followup", (LeadDetailScreen, TriageScreen)),
        ("greater_than_sign", "step_stage(1)", (LeadDetailScreen,)),
        ("greater_than_sign", "advance", (TriageScreen,)),
        ("enter", "open", (FunnelBoardScreen, AgendaScreen)),
    ],
)
def test_a_shared_key_means_one_thing(
    key: str, action: str, screens: tuple[type[Any], ...]
) -> None:
    for screen in screens:
        assert actions(screen).get(key) == action, screen.__name__


def footer_keys(app: Any) -> dict[str, FooterKey]:
    return {key.key: key for key in app.screen.query(FooterKey)}


def fully_shown(app: Any, key: str) -> bool:
    found = footer_keys(app).get(key)
    return found is not None and found.region.right <= app.size.width - 12  # the ^p palette


async def open_agenda_and_triage(pilot: Pilot[Any], check: Callable[[], None]) -> None:
    await settle(pilot)
    await pilot.press("A")
    await settle(pilot)
    check()
    await pilot.press("t")
    await settle(pilot)
    check()


FOOTER_MUST_SHOW = {
    "LeadListScreen": ("d", "u", "f1"),
    "LeadDetailScreen": ("d", "u", "f1"),
    "AgendaScreen": ("u", "f1"),
    "TriageScreen": ("u", "f1"),
    "FunnelBoardScreen": ("u", "f1"),  # the board deletes nothing
}


@pytest.mark.parametrize("language", ["en", "es"])
async def test_footers_keep_delete_undo_and_help_at_80x24(
    demo_store: LeadStore, app_factory: AppFactory, language: str
) -> None:
    with speaking(language):
        make_app = fresh("leadtui.launch", "make_app")
        app = make_app(demo_store)
        async with app.run_test(size=(80, 24)) as pilot:
            checked: list[str] = []

            def check() -> None:
                name = type(app.screen).__name__
                checked.append(name)
                for key in FOOTER_MUST_SHOW[name]:
                    assert fully_shown(app, key), (name, key)

            await settle(pilot)
            check()
            for key in ("enter", "q", "A", "t", "q", "b"):
                await pilot.press(key)
                await settle(pilot)
                if key != "q":
                    check()
            assert sorted(set(checked)) == sorted(FOOTER_MUST_SHOW)


async def test_q_asks_before_quitting(demo_store: LeadStore, app_factory: AppFactory) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for mode_key in ("", "A", "b"):
            if mode_key:
                await pilot.press(mode_key)
                await settle(pilot)
            top = app.screen
            await pilot.press("q")
            await settle(pilot)
            assert type(app.screen).__name__ == "ConfirmScreen"
            await pilot.press("n")
            await settle(pilot)
            assert app.screen is top and app.is_running


async def test_f1_explains_agenda_and_triage(
    demo_store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        seen: list[str] = []

        def check() -> None:
            seen.append(type(app.screen).__name__)

        await open_agenda_and_triage(pilot, check)
        await pilot.press("f1")
        await settle(pilot)
        help_text = str(app.screen.query_one("Static").render())
        assert "Triage walks the section" in help_text and "Skip" in help_text
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("f1")
        await settle(pilot)
        help_text = str(app.screen.query_one("Static").render())
        assert "Going cold" in help_text and "Triage" in help_text
        assert seen == ["AgendaScreen", "TriageScreen"]
