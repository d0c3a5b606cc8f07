"""Closing a deal, undo that names and restores, marks that never act unseen (#18 1-3, #14 7)."""

from __future__ import annotations

from datetime import timedelta

from conftest import DEMO_NOW, SNAPSHOT_SIZE, AppFactory
from textual.pilot import Pilot
from textual.widgets import Static
from waiting import settle

from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.store import LeadStore
from leadtui.ui.app import LeadApp
from leadtui.ui.screens.confirm import ConfirmScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog
from leadtui.ui.screens.won_dialog import WonDialog
from leadtui.ui.widgets.lead_table import LeadTable

FOLLOWUP = DEMO_NOW + timedelta(days=2)


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    """Press keys one by one, settling after each."""
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


def add(store: LeadStore, name: str, stage: str) -> int:
    """A lead with a follow-up and a value of 500."""
    lead = store.leads.add_lead(
        LeadInput(
            first_name=name,
            email=f"{name.lower()}@closing.example.com",
            stage=stage,
            value_cents=50_000,
            next_followup_at=FOLLOWUP,
        )
    )
    assert lead.id is not None
    return lead.id


async def open_detail(pilot: Pilot[None], lead_id: int) -> None:
    """Push the detail of ``lead_id``."""
    await pilot.app.push_screen(LeadDetailScreen(lead_id))
    await settle(pilot)


def toasts(app: LeadApp) -> list[str]:
    """Every notification's text, oldest first."""
    return [str(n.message) for n in app._notifications]


class TestClosingInTheDetail:
    """> past the last open stage asks the value; Won never steps to Lost; undo is complete."""

    async def test_next_stage_from_proposal_asks_the_value(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead_id = add(store, "Ana", "proposal")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead_id)
            await keys(pilot, "greater_than_sign")
            assert isinstance(app.screen, WonDialog)
            await keys(pilot, "escape")
            assert store.leads.get_lead(lead_id).stage == "proposal"
            await keys(pilot, "greater_than_sign")
            value = app.screen.query_one("#won-value")
            assert getattr(value, "value", "") in ("500", "500.00")
            value.value = "720"  # type: ignore[attr-defined]
            await keys(pilot, "enter")
            won = store.leads.get_lead(lead_id)
            assert (won.stage, won.value_cents, won.next_followup_at) == ("won", 72_000, None)
            await keys(pilot, "greater_than_sign")  # Won never becomes Lost by "next stage"
            assert store.leads.get_lead(lead_id).stage == "won"
            assert not isinstance(app.screen, LostReasonDialog)
            await keys(pilot, "u")
            back = store.leads.get_lead(lead_id)
            assert (back.stage, back.value_cents) == ("proposal", 50_000)
            assert back.next_followup_at == FOLLOWUP
            assert any("Ana" in text and text.startswith("Undone") for text in toasts(app))

    async def test_lost_undo_restores_the_followup(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead_id = add(store, "Bea", "qualified")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead_id)
            await keys(pilot, "x", "enter")
            lost = store.leads.get_lead(lead_id)
            assert (lost.stage, lost.next_followup_at) == ("lost", None)
            await keys(pilot, "greater_than_sign", "w")  # neither leaves Lost for Won
            assert store.leads.get_lead(lead_id).stage == "lost"
            assert not isinstance(app.screen, WonDialog)
            await keys(pilot, "u")
            back = store.leads.get_lead(lead_id)
            assert (back.stage, back.next_followup_at) == ("qualified", FOLLOWUP)


class TestUndoInTheDetail:
    """u in a lead's detail takes back that lead's change, never another lead's."""

    async def test_detail_undo_skips_other_leads(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        first, second = add(store, "Cid", "new"), add(store, "Dora", "new")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, first)
            await keys(pilot, "greater_than_sign", "escape")
            await open_detail(pilot, second)
            await keys(pilot, "greater_than_sign", "escape")
            await open_detail(pilot, first)
            await keys(pilot, "u")
            assert store.leads.get_lead(first).stage == "new"
            assert store.leads.get_lead(second).stage == "contacted"
            assert "Cid" in toasts(app)[-1]
            await keys(pilot, "u")
            assert store.leads.get_lead(second).stage == "contacted"
            assert toasts(app)[-1] == "Nothing to undo for Cid."


class TestClosingInTheList:
    """> in the list asks the value before Won and never moves Won to Lost."""

    async def test_list_next_stage(self, store: LeadStore, app_factory: AppFactory) -> None:
        lead_id = add(store, "Eva", "proposal")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "greater_than_sign")
            assert isinstance(app.screen, WonDialog)
            await keys(pilot, "enter")
            assert store.leads.get_lead(lead_id).stage == "won"
            await keys(pilot, "greater_than_sign")
            assert store.leads.get_lead(lead_id).stage == "won"


class TestMarksAndFilters:
    """Marks clear when the list shows other leads; confirmations name the leads."""

    async def test_search_clears_marks(self, store: LeadStore, app_factory: AppFactory) -> None:
        hidden = [add(store, name, "new") for name in ("Fabio", "Gala")]
        shown = add(store, "Zoltan", "new")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            table = app.screen.query_one(LeadTable)
            while table.marked != set(hidden):
                row = table.current_row
                assert row is not None
                await keys(pilot, "space" if row.id in hidden else "j")
            await keys(pilot, "slash", *"zoltan", "enter")
            assert table.marked == set()
            assert any("2 marks cleared" in text for text in toasts(app))
            await keys(pilot, "d")
            assert isinstance(app.screen, ConfirmScreen)
            body = str(app.screen.query_one("#confirm-body", Static).render())
            assert "Zoltan" in body and "Fabio" not in body
            await keys(pilot, "y")
            left = store.reads.page_list(LeadFilter(), LeadSort(), 0, 10)
            assert {row.id for row in left} == set(hidden) != {shown}

    async def test_bulk_delete_names_the_leads(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        for name in ("Hugo", "Ines", "Jon"):
            add(store, name, "new")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "space", "space", "d")
            body = str(app.screen.query_one("#confirm-body", Static).render())
            assert "Jon" in body and "Ines" in body and "Hugo" not in body
            await keys(pilot, "y", "u")
            assert isinstance(app.screen, LeadListScreen)
            assert store.reads.count_list(LeadFilter()).total == 3, toasts(app)
            assert "Jon" in toasts(app)[-1] and "Ines" in toasts(app)[-1]


class TestConflictFromTheList:
    """A save that meets a newer version asks, and merges only the fields the user changed."""

    async def test_list_edit_conflict_merges(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        from textual.widgets import Input

        from leadtui.launch import open_store
        from leadtui.ui.screens.conflict_dialog import ConflictDialog

        lead_id = add(store, "Kim", "qualified")
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "e")
            other = open_store(store.path, clock=store.clock)
            data, version = other.leads.lead_input(lead_id)
            data.company, data.stage = "Theirs S.L.", "proposal"
            other.leads.update_lead(lead_id, version, data)
            other.close()
            app.screen.query_one("#in-first_name", Input).value = "Kimberly"
            await keys(pilot, "ctrl+s")
            assert isinstance(app.screen, ConflictDialog)
            merge = app.screen.merge  # what the table shows, field by field
            assert merge.mine == {"first_name"} and merge.theirs == {"company", "stage"}
            await keys(pilot, "k")
            assert isinstance(app.screen, LeadListScreen)
            saved = store.leads.get_lead(lead_id)
            assert (saved.first_name, saved.company, saved.stage) == (
                "Kimberly",
                "Theirs S.L.",
                "proposal",
            )
            await keys(pilot, "u")  # undo goes back to their version, not before it
            back = store.leads.get_lead(lead_id)
            assert (back.first_name, back.company) == ("Kim", "Theirs S.L.")
