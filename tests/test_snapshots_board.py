"""Snapshots of the funnel board (fixed data, fixed clock)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from conftest import DEMO_NOW, SNAPSHOT_SIZE
from textual.pilot import Pilot
from waiting import settle

from leadtui.launch import make_app
from leadtui.store import LeadStore
from leadtui.ui.app import LeadApp

SnapCompare = Callable[..., bool]


def board_app(store: LeadStore) -> LeadApp:
    """The app with a fixed sub-title (the demo one), so no temp path shows."""
    return make_app(store, demo=True)


async def open_board(pilot: Pilot[Any]) -> None:
    """Switch to the board and let its counts arrive."""
    await settle(pilot)
    await pilot.app.switch_mode("board")
    await settle(pilot)


PAYLOADS = ["Acme [/]", "[bold]x", "[@click=app.quit]x", "[link=https://evil]x[/link]"]


def few_leads(store: LeadStore, names: list[str]) -> None:
    """One lead per name in New (and one in Proposal), the rest of the funnel empty."""
    store.imports.bulk_insert_leads(
        [
            {
                "first_name": name,
                "last_name": "[red]Doe[/red]",
                "company": name,
                "stage": "proposal" if index == 1 else "new",
                "value_cents": 123_400 * (index + 1),
                "created_at": DEMO_NOW - timedelta(days=index + 1),
                "next_followup_at": DEMO_NOW - timedelta(days=1) if index == 0 else None,
            }
            for index, name in enumerate(names)
        ]
    )


class TestBoard:
    """The funnel board."""

    def test_demo_board(self, demo_store: LeadStore, snap_compare: SnapCompare) -> None:
        """Six columns of demo cards; New is active, its first card highlighted."""
        assert snap_compare(
            board_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=open_board
        )

    def test_after_a_move(self, demo_store: LeadStore, snap_compare: SnapCompare) -> None:
        """The second New card moved to Contacted: it sits on top there, counts 68 / 52."""

        async def run_before(pilot: Pilot[Any]) -> None:
            await open_board(pilot)
            await pilot.press("j", "L")
            await settle(pilot)

        assert snap_compare(
            board_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run_before
        )

    def test_lost_dialog(self, demo_store: LeadStore, snap_compare: SnapCompare) -> None:
        """`x` on a Qualified card asks why it was lost."""

        async def run_before(pilot: Pilot[Any]) -> None:
            await open_board(pilot)
            await pilot.press("l", "l", "x")
            await settle(pilot)

        assert snap_compare(
            board_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run_before
        )

    def test_empty_columns(self, store: LeadStore, snap_compare: SnapCompare) -> None:
        """Three leads: New and Proposal have cards, the other columns say "No leads"."""
        few_leads(store, ["Ana", "Bea", "Carla"])
        assert snap_compare(board_app(store), terminal_size=SNAPSHOT_SIZE, run_before=open_board)

    def test_filtered_board(self, demo_store: LeadStore, snap_compare: SnapCompare) -> None:
        """Searching "garcia" leaves only matching cards; the filter shows above the columns."""

        async def run_before(pilot: Pilot[Any]) -> None:
            await open_board(pilot)
            await pilot.press("slash", *"garcia", "enter")
            await settle(pilot)

        assert snap_compare(
            board_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run_before
        )

    def test_metrics_panel(self, demo_store: LeadStore, snap_compare: SnapCompare) -> None:
        """`i` opens the funnel panel: per-stage table, win rate, leads-per-week sparkline."""

        async def run_before(pilot: Pilot[Any]) -> None:
            await open_board(pilot)
            await pilot.press("i")
            await settle(pilot)

        assert snap_compare(
            board_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run_before
        )

    def test_markup_payloads(self, store: LeadStore, snap_compare: SnapCompare) -> None:
        """Names and companies like `[bold]x` show literally, brackets and all."""
        few_leads(store, PAYLOADS)
        assert snap_compare(board_app(store), terminal_size=SNAPSHOT_SIZE, run_before=open_board)

    def test_collapsed_closed_columns(
        self, demo_store: LeadStore, snap_compare: SnapCompare
    ) -> None:
        """`C` folds Won and Lost into narrow strips; open columns get wider."""

        async def run_before(pilot: Pilot[Any]) -> None:
            await open_board(pilot)
            await pilot.press("C")
            await settle(pilot)

        assert snap_compare(
            board_app(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run_before
        )
