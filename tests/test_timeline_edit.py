"""The detail's timeline is editable: j/k pick an entry, Enter edits it, X deletes it,
u undoes; the database is checked after each key."""

from __future__ import annotations

from datetime import timedelta

from conftest import DEMO_NOW, AppFactory
from pg_fixtures import both_backends
from textual.pilot import Pilot
from waiting import settle, wait_until

from leadtui.domain.activity_edit import moment_text
from leadtui.domain.rows import LeadInput, TimelineEntry
from leadtui.store import LeadStore
from leadtui.ui.screens.activity_edit_dialog import ActivityEditDialog
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.widgets.timeline import Timeline

pytestmark = both_backends
LATER = DEMO_NOW + timedelta(hours=1)


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


def seeded(store: LeadStore) -> tuple[int, int]:
    """A lead with a call (newest) above its creation."""
    lead_id = store.leads.add_lead(LeadInput(first_name="Ana")).id
    assert lead_id is not None
    later = LeadStore(store.backend, clock=lambda: LATER)
    logged = later.agenda.log_touch(lead_id, "call", "wants a quote")
    assert logged.activity_id is not None
    return lead_id, logged.activity_id


def call(store: LeadStore, lead_id: int, activity_id: int) -> TimelineEntry | None:
    return next(
        (e for e in store.reads.timeline(lead_id) if e.id == activity_id and e.kind == "activity"),
        None,
    )


async def test_edit_then_undo(store: LeadStore, app_factory: AppFactory) -> None:
    lead_id, activity_id = seeded(store)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(LeadDetailScreen(lead_id))
        await settle(pilot)
        await keys(pilot, "j")
        assert app.screen.query_one(Timeline).selected == 0
        await keys(pilot, "enter")
        assert isinstance(app.screen, ActivityEditDialog)
        await pilot.press(*" and a demo")
        await keys(pilot, "shift+tab", "ctrl+a", "ctrl+k")
        earlier = DEMO_NOW - timedelta(days=1)
        await pilot.press(*moment_text(earlier))
        await keys(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, LeadDetailScreen), "the dialog")
        await wait_until(
            pilot,
            lambda: (
                (call(store, lead_id, activity_id) or TimelineEntry(DEMO_NOW, "", 0)).edited_at
                is not None
            ),
            "the edit",
        )
        found = call(store, lead_id, activity_id)
        assert found is not None
        assert (found.body, found.at, found.edited_fields) == (
            "wants a quote and a demo",
            earlier,
            "at,body",
        )
        await keys(pilot, "u")
        await wait_until(
            pilot,
            lambda: (call(store, lead_id, activity_id) or found).edited_at is None,
            "the undo",
        )
        back = call(store, lead_id, activity_id)
        assert back is not None and (back.body, back.at) == ("wants a quote", LATER)


async def test_delete_asks_then_undo_puts_it_back(
    store: LeadStore, app_factory: AppFactory
) -> None:
    lead_id, activity_id = seeded(store)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(LeadDetailScreen(lead_id))
        await settle(pilot)
        await keys(pilot, "j", "X", "n")  # no: nothing deleted
        assert call(store, lead_id, activity_id) is not None
        await keys(pilot, "X", "y")
        await wait_until(pilot, lambda: call(store, lead_id, activity_id) is None, "the delete")
        await keys(pilot, "u")
        await wait_until(pilot, lambda: call(store, lead_id, activity_id) is not None, "the undo")


async def test_stage_changes_are_not_edited(store: LeadStore, app_factory: AppFactory) -> None:
    lead_id, activity_id = seeded(store)
    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(LeadDetailScreen(lead_id))
        await settle(pilot)
        await keys(pilot, "j", "j", "enter")  # the second entry: "Created in New"
        assert isinstance(app.screen, LeadDetailScreen)
        await keys(pilot, "X")
        assert isinstance(app.screen, LeadDetailScreen)
        assert len(store.reads.timeline(lead_id)) == 2
