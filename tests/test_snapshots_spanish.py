"""Spanish snapshots: list, detail, board, form with errors, import preview, help panel.

Each test runs inside :func:`language.speaking` ("es"): the catalog is switched and the
modules that translate at import time (bindings, column titles) are re-imported for
the test, then the English ones are put back, all in this process. The app is built
and run inside that block, so lazy imports (the board, dialogs) are Spanish too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from language import fresh, speaking
from test_lead_detail_screen import lead_in
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import settle as settle_app

from leadtui.domain.rows import FollowUpFilter
from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]
REPO = Path(__file__).resolve().parent.parent
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
Script = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture
def spanish() -> Iterator[Callable[[LeadStore], Any]]:
    """Inside Spanish: a factory for the (re-imported, Spanish) app on a store."""
    with speaking("es"):
        make_app = fresh("leadtui.launch", "make_app")

        def build(store: LeadStore) -> Any:
            return make_app(store, demo=True)

        yield build


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until nothing is in flight; a fixed subtitle."""
    await settle_app(pilot)
    pilot.app.sub_title = "instantánea"
    await settle_app(pilot)


def keys(*pressed: str) -> Script:
    """Settle, press each key (settling after each)."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
class TestSpanishSnapshots:
    """The main screens in Spanish at 80×24 and 120×36."""

    def test_list(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=keys())

    def test_detail(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        lead_id = lead_in(demo_store, "proposal", FollowUpFilter.OVERDUE)
        detail = fresh("leadtui.ui.screens.lead_detail", "LeadDetailScreen")

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(detail(lead_id))
            await settle(pilot)

        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=run)

    def test_board(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.switch_mode("board")
            await settle(pilot)

        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=run)

    def test_form_with_errors(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            for field, text in (
                ("first_name", "Mal"),
                ("email", "nada"),
                ("value_cents", "12,3456"),
                ("score", "140"),
                ("next_followup_at", "32/13/2026"),
            ):
                pilot.app.screen.query_one(f"#in-{field}", Input).focus()
                await pilot.press(*text)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=run)

    def test_import_preview(
        self,
        snap_compare: SnapCompare,
        store: LeadStore,
        spanish: Any,
        size: Any,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.chdir(REPO)
        screen = fresh("leadtui.ui.screens.import_screen", "ImportScreen")

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(screen("tests/fixtures/import/hubspot_en.csv"))
            await settle(pilot)

        assert snap_compare(spanish(store), terminal_size=size, run_before=run)

    def test_help_panel(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=keys("f1"))
