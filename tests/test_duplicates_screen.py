"""The duplicates view: merge, "not a duplicate", skip and undo by key, checked in the database."""

from __future__ import annotations

from typing import Any

from conftest import AppFactory
from textual.pilot import Pilot
from waiting import settle, wait_until

from leadtui.domain.duplicates_merge import Side
from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.duplicates import DuplicatesScreen


def seed(store: LeadStore) -> tuple[int, int, int]:
    """José twice (same phone) and a Gmail variant of the second one's address."""
    ids = []
    for data in (
        LeadInput(first_name="José", last_name="Núñez", phone="+34 600 11 22 33", company="Acme"),
        LeadInput(first_name="Jose", last_name="Nunez", email="Jose.Nunez@gmail.com"),
        LeadInput(first_name="Ana", last_name="Gil", phone="+34 611 000 000"),
        LeadInput(first_name="Luis", last_name="Gil", phone="+34 611 000 000"),
    ):
        lead = store.leads.add_lead(data)
        assert lead.id is not None
        ids.append(lead.id)
    store.agenda.set_followup(ids[1], None)
    data, version = store.leads.lead_input(ids[1])
    data.phone = "600112233"
    store.leads.update_lead(ids[1], version, data)
    return ids[0], ids[1], ids[2]


def screen_of(pilot: Pilot[Any]) -> DuplicatesScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DuplicatesScreen)
    return screen


async def open_view(pilot: Pilot[Any]) -> DuplicatesScreen:
    await pilot.press("D")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DuplicatesScreen), "the view")
    await wait_until(pilot, lambda: screen_of(pilot).shown is not None, "the first pair")
    return screen_of(pilot)


async def test_merge_with_a_field_taken_then_undo(
    store: LeadStore, app_factory: AppFactory
) -> None:
    first, second, family = seed(store)
    app = app_factory(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await open_view(pilot)
        assert view.shown is not None and view.shown.kept.id == first
        assert "same phone +34600112233" in view.shown.candidate.reason
        await pilot.press("1")  # first name: take the other lead's ("Jose" → "José")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: first in view.merged.values(), "the merge")
        await settle(pilot)
        kept = store.leads.get_lead(first)
        assert kept.first_name == "José" and kept.email == "Jose.Nunez@gmail.com"
        try:
            store.leads.get_lead(second)
            raise AssertionError("the other lead is still live")
        except NotFoundError:
            pass
        await pilot.press("u")
        await wait_until(pilot, lambda: not view.merged, "the unmerge")
        await settle(pilot)
        assert store.leads.get_lead(second).email == "Jose.Nunez@gmail.com"
        assert store.leads.get_lead(first).email is None
        assert view.shown is not None and view.shown.candidate.high_id == second
        # The family's shared phone is only possible; "not a duplicate" is remembered.
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.shown is not None and view.shown.kept.id == family
        await pilot.press("I")
        await wait_until(pilot, lambda: view.shown is None, "the last answer")
        await settle(pilot)
        assert (family, family + 1) in store.duplicates.not_duplicates()
        await pilot.press("q")
        await settle(pilot)
        assert not isinstance(app.screen, DuplicatesScreen) and app.is_running


async def test_unmerge_later_from_the_detail(store: LeadStore, app_factory: AppFactory) -> None:
    """The survivor's detail says it was merged; the palette's Unmerge brings both back."""
    from leadtui.ui.duplicates_commands import unmerge_from_detail
    from leadtui.ui.screens.lead_detail import LeadDetailScreen

    first, second, _family = seed(store)
    # Not the default (the newer "Jose"): undoing the unmerge must keep this choice.
    merged = store.merges.merge(first, second, {"first_name": Side.KEPT})
    assert [m.merge_id for m in store.merges.merges_into(first)] == [merged.merge_id]
    app = app_factory(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(LeadDetailScreen(first))
        await settle(pilot)
        bodies = [entry.body for entry in store.reads.timeline(first)]
        assert any(f"leadtui unmerge {merged.merge_id}" in body for body in bodies)
        unmerge_from_detail(app.screen, merged.merge_id, second)
        await wait_until(pilot, lambda: store.merges.merges_into(first) == [], "the unmerge")
        await settle(pilot)
        assert store.leads.get_lead(second).email == "Jose.Nunez@gmail.com"
        await pilot.press("u")  # the undo merges them again
        await wait_until(
            pilot, lambda: len(store.merges.merges_into(first)) == 1, "the merge again"
        )
        await settle(pilot)
        assert store.leads.get_lead(first).first_name == "José"


async def test_unmerge_from_the_timeline_row(store: LeadStore, app_factory: AppFactory) -> None:
    """Down to the merge's entry in the detail's timeline, U: both back; u merges them again."""
    from leadtui.ui.screens.lead_detail import LeadDetailScreen
    from leadtui.ui.widgets.timeline import Timeline

    first, second, _family = seed(store)
    store.merges.merge(first, second, {"first_name": Side.KEPT})
    (info,) = store.merges.merges_into(first)
    app = app_factory(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(LeadDetailScreen(first))
        await settle(pilot)
        timeline = app.screen.query_one("#timeline", Timeline)
        await wait_until(pilot, lambda: info.activity_id in timeline.merges, "the merges read")
        index = next(
            i
            for i, e in enumerate(timeline.entries)
            if e.kind == "activity" and e.id == info.activity_id
        )
        await pilot.press("U")  # nothing highlighted yet: nothing happens
        await settle(pilot)
        assert store.merges.merges_into(first) != []
        for _step in range(index + 1):
            await pilot.press("down")
        await settle(pilot)
        assert timeline.selected == index
        assert timeline.check_action("unmerge", ()) is True
        await pilot.press("U")
        await wait_until(pilot, lambda: store.merges.merges_into(first) == [], "the unmerge")
        await settle(pilot)
        assert store.leads.get_lead(second).email == "Jose.Nunez@gmail.com"
        assert store.leads.get_lead(first).email is None
        assert timeline.check_action("unmerge", ()) is False  # the entry is gone
        await pilot.press("u")
        await wait_until(
            pilot, lambda: len(store.merges.merges_into(first)) == 1, "the merge again"
        )
        await settle(pilot)
        assert store.leads.get_lead(first).first_name == "José"
