"""The lead form warns once about a probable duplicate (phone, name + company) and offers it."""

from __future__ import annotations

from conftest import SNAPSHOT_SIZE, AppFactory
from pg_fixtures import both_backends
from test_lead_form import error_of, total, type_into
from textual.widgets import Button
from waiting import settle

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.lead_form import LeadFormScreen

pytestmark = both_backends


async def test_same_name_and_company_warns_then_saves(
    store: LeadStore, app_factory: AppFactory
) -> None:
    existing = store.leads.add_lead(
        LeadInput(first_name="José", last_name="Núñez", company="Acme S.L.")
    )
    app = app_factory(store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "first_name", "Jose")
        await type_into(pilot, "last_name", "Nunez")
        await type_into(pilot, "company", "ACME")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Probably the same person as José Núñez" in error_of(app, "email")
        assert "same name, same company" in error_of(app, "email")
        button = app.screen.query_one("#open-existing", Button)
        assert button.display and "José Núñez" in str(button.label)
        assert total(store) == 1
        assert isinstance(app.screen, LeadFormScreen)
        assert app.screen.duplicate_id == existing.id  # what "Open José Núñez" opens
        await pilot.press("ctrl+s")  # seen: the second save adds the lead
        await settle(pilot)
        assert total(store) == 2


async def test_a_different_person_saves_at_once(store: LeadStore, app_factory: AppFactory) -> None:
    store.leads.add_lead(LeadInput(first_name="José", last_name="Núñez", company="Acme"))
    app = app_factory(store)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "first_name", "Ana")
        await type_into(pilot, "last_name", "Nunez")
        await type_into(pilot, "company", "Acme")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert total(store) == 2
