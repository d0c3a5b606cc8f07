"""The triage flow in keys: each lead is opened, called, followed up in a week, moved on
and left for the next one in at most 8 keys plus the text (counted, database checked)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from conftest import DEMO_NOW, AppFactory
from textual.pilot import Pilot
from waiting import settle

from leadtui.domain.agenda import AgendaSection
from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.agenda import AgendaScreen
from leadtui.ui.screens.triage import TriageScreen

KEY_BUDGET = 8


def seed(store: LeadStore, count: int) -> list[int]:
    """``count`` New leads, overdue oldest first."""
    ids = []
    for index in range(count):
        due = DEMO_NOW - timedelta(days=count - index)
        made = store.leads.add_lead(
            LeadInput(first_name=f"Lead{index}", stage="new", next_followup_at=due)
        )
        assert made.id is not None
        ids.append(made.id)
    return ids


class Keys:
    """Presses keys on the pilot and counts them (typed text is counted apart)."""

    def __init__(self, pilot: Pilot[Any]) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await settle(self.pilot)

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)
        await settle(self.pilot)


async def test_triage_three_leads_within_the_key_budget(
    store: LeadStore, app_factory: AppFactory
) -> None:
    ids = seed(store, 3)
    week = datetime.combine((DEMO_NOW + timedelta(days=7)).date(), time(9), DEMO_NOW.tzinfo)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        keys = Keys(pilot)
        await keys.press("A")  # the agenda, from the list
        assert isinstance(app.screen, AgendaScreen)
        assert app.screen.section is AgendaSection.OVERDUE
        await keys.press("t")  # triage from the first overdue lead
        assert isinstance(app.screen, TriageScreen)
        for number, lead_id in enumerate(ids, start=1):
            start = keys.count
            assert app.screen.detail is not None and app.screen.detail.id == lead_id
            await keys.press("greater_than_sign")  # New → Contacted
            await keys.press("c")  # log a call: the text field has the focus
            await keys.type(f"wants a quote {number}")
            await keys.press("tab", "3", "enter")  # follow-up preset 3 = one week; log it
            used = keys.count - start + (2 if number == 1 else 0)  # A and t opened it
            assert used <= KEY_BUDGET, used
            detail = store.reads.lead_detail(lead_id)
            assert detail is not None
            assert detail.stage == "contacted"
            assert detail.next_followup_at == week
            calls = [e for e in detail.timeline if e.activity_kind == "call"]
            assert [e.body for e in calls] == [f"wants a quote {number}"]
            assert any(e.activity_kind == "followup" for e in detail.timeline)
        assert app.screen.detail is None  # the queue is done
        assert store.reads.agenda_count(AgendaSection.OVERDUE) == 0


async def test_snooze_skip_and_undo(store: LeadStore, app_factory: AppFactory) -> None:
    first, second = seed(store, 2)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("z")  # snooze a day: the next lead comes up
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        assert app.screen.detail is not None and app.screen.detail.id == second
        tomorrow = datetime.combine((DEMO_NOW + timedelta(days=1)).date(), time(9), DEMO_NOW.tzinfo)
        found = store.reads.lead_detail(first)
        assert found is not None and found.next_followup_at == tomorrow
        await pilot.press("u")
        await settle(pilot)
        found = store.reads.lead_detail(first)
        assert found is not None and found.next_followup_at == DEMO_NOW - timedelta(days=2)
        await pilot.press("right_square_bracket")  # skip: nothing written
        await settle(pilot)
        assert app.screen.detail is None
        untouched = store.reads.lead_detail(second)
        assert untouched is not None and untouched.next_followup_at == DEMO_NOW - timedelta(days=1)
