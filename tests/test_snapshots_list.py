"""Snapshots of the lead list and its dialogs, on fixed data and the fixed clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from conftest import SNAPSHOT_SIZE, AppFactory
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import settle as settle_app

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]
PAYLOADS = ("Acme [/]", "[bold]x", "[@click=app.quit]x", "[link=https://evil]x[/link]")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until nothing is in flight; fix the subtitle and blinking cursors."""
    await settle_app(pilot)
    pilot.app.sub_title = "snapshot"
    await settle_app(pilot)


def keys_then_settle(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A run_before script: settle, press keys (settling after each), settle."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run


class TestLeadListSnapshots:
    """The lead list screen."""

    def test_demo_list(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """The demo leads, newest first, counts in the header, cursor on the first row."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=keys_then_settle()
        )

    def test_search_results(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """The search box holds "ferr" and only matching leads are listed."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=keys_then_settle("slash", "f", "e", "r", "r"),
        )

    def test_filter_applied(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Only "Contacted" leads; the header names the filter."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=keys_then_settle("F", "down", "space", "ctrl+s"),
        )

    def test_filter_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """The filter dialog: stages, sources, tags and follow-up choices."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=keys_then_settle("F")
        )

    def test_empty_state(
        self, snap_compare: SnapCompare, store: LeadStore, app_factory: AppFactory
    ) -> None:
        """A fresh database explains n, leadtui import FILE and leadtui --demo."""
        assert snap_compare(
            app_factory(store), terminal_size=SNAPSHOT_SIZE, run_before=keys_then_settle()
        )

    def test_marked_rows(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Three marked rows (●, bold) and "3 marked" in the header."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=keys_then_settle("space", "j", "space", "space"),
        )

    def test_delete_confirmation(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """d asks before deleting the lead under the cursor, naming it."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=keys_then_settle("d")
        )

    def test_markup_payloads(
        self, snap_compare: SnapCompare, store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Names and companies with markup and an escape show literally, unstyled."""
        for number, payload in enumerate(PAYLOADS):
            store.leads.add_lead(
                LeadInput(
                    first_name=payload,
                    last_name="",
                    company=payload,
                    email=f"p{number}@example.com",
                )
            )
        store.leads.add_lead(
            LeadInput(
                first_name="Esc\x1b[31mape", company="\x1b]8;;x\x07Co", email="esc@example.com"
            )
        )
        assert snap_compare(
            app_factory(store), terminal_size=SNAPSHOT_SIZE, run_before=keys_then_settle("j", "d")
        )


class TestLeadFormSnapshots:
    """The new/edit lead form."""

    def test_form_with_errors(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Save refused: inline errors under email, value, score and follow-up."""

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            for field, text in (
                ("first_name", "Bad"),
                ("email", "nope"),
                ("value_cents", "12,3456"),
                ("score", "140"),
                ("next_followup_at", "20/03/2026"),
            ):
                pilot.app.screen.query_one(f"#in-{field}", Input).focus()
                await pilot.press(*text)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run)
