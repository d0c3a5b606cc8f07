"""Pilot tests for the new/edit lead form: nothing is written until a valid Save."""

from __future__ import annotations

from datetime import date

from conftest import SNAPSHOT_SIZE, AppFactory
from pg_fixtures import both_backends
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static
from waiting import settle

from leadtui.domain.formatting import parse_followup_date
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.store import LeadStore
from leadtui.ui.app import LeadApp
from leadtui.ui.screens.confirm import ConfirmScreen
from leadtui.ui.screens.lead_form import LeadFormScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.widgets.lead_table import LeadTable

pytestmark = both_backends


async def type_into(pilot: Pilot[None], field: str, text: str) -> None:
    """Focus a form input and type ``text`` key by key."""
    pilot.app.screen.query_one(f"#in-{field}", Input).focus()
    await pilot.press(*text)
    await settle(pilot)


def form(app: LeadApp) -> LeadFormScreen:
    """The open form."""
    assert isinstance(app.screen, LeadFormScreen)
    return app.screen


def error_of(app: LeadApp, field: str) -> str:
    """The inline error shown under ``field`` ("" when hidden)."""
    shown = app.screen.query_one(f"#err-{field}", Static)
    return str(shown.render()) if shown.display else ""


def total(store: LeadStore) -> int:
    """Live leads in the database."""
    return store.reads.count_list(LeadFilter()).total


class TestNewLead:
    """n opens an empty form; Save writes a valid lead and nothing else."""

    async def test_new_lead_saved(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            before = total(demo_store)
            await pilot.press("n")
            await settle(pilot)
            await type_into(pilot, "first_name", "Zoe")
            await type_into(pilot, "last_name", "Quintana")
            await type_into(pilot, "email", "zoe@quintana.example.com")
            await type_into(pilot, "company", "Acme [/]")
            await type_into(pilot, "value_cents", "1.200,50")
            await type_into(pilot, "next_followup_at", "2026-03-20")
            await type_into(pilot, "tags", "vip, web")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LeadListScreen)
            lead = demo_store.leads.find_lead("zoe@quintana.example.com")
            assert (lead.first_name, lead.last_name, lead.company) == (
                "Zoe",
                "Quintana",
                "Acme [/]",
            )
            assert lead.value_cents == 120050
            assert lead.next_followup_at is not None
            assert lead.next_followup_at.astimezone().date() == date(2026, 3, 20)
            assert demo_store.reads.tags_of(lead.id or 0) == ["vip", "web"]
            assert total(demo_store) == before + 1
            row = app.screen.query_one(LeadTable).current_row
            assert row is not None and row.id == lead.id  # the cursor lands on the new lead
            await pilot.press("u")
            await settle(pilot)
            assert total(demo_store) == before

    async def test_invalid_form_not_saved(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            before = total(demo_store)
            await pilot.press("n")
            await settle(pilot)
            await type_into(pilot, "first_name", "Bad")
            await type_into(pilot, "email", "not-an-email")
            assert "@" in error_of(app, "email")  # shown while typing
            await type_into(pilot, "value_cents", "12.345,678")
            await type_into(pilot, "score", "140")
            await type_into(pilot, "next_followup_at", "20/03/2026")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LeadFormScreen)
            for field in ("email", "value_cents", "score", "next_followup_at"):
                assert error_of(app, field), field
            assert total(demo_store) == before

    async def test_empty_form_refused(self, store: LeadStore, app_factory: AppFactory) -> None:
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert error_of(app, "first_name")
            assert total(store) == 0

    async def test_duplicate_email_offers_the_existing_lead(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        existing = store.leads.add_lead(
            LeadInput(first_name="[bold]Ana", last_name="Ruiz", email="ana@ruiz.example.com")
        )
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await type_into(pilot, "first_name", "Other")
            await type_into(pilot, "email", "ANA@ruiz.example.com")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "[bold]Ana Ruiz" in error_of(app, "email")
            button = app.screen.query_one("#open-existing", Button)
            assert button.display and "[bold]Ana Ruiz" in str(button.label)
            assert total(store) == 1
            form(app).on_button_pressed(Button.Pressed(button))
            await settle(pilot)
            assert not isinstance(app.screen, LeadFormScreen)
            opened = getattr(app.screen, "lead_id", None) == existing.id
            warned = any("detail" in n.message for n in app._notifications)
            assert opened or warned

    async def test_escape_on_changed_form_asks(
        self, store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, LeadListScreen)  # unchanged: closes at once
            await pilot.press("n")
            await settle(pilot)
            await type_into(pilot, "first_name", "Kept")
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await settle(pilot)
            assert form(app).query_one("#in-first_name", Input).value == "Kept"
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(app.screen, LeadListScreen)
            assert total(store) == 0


class TestEditLead:
    """e opens the lead's fields; Save writes a new version; u restores the old one."""

    async def test_edit_saved_and_undone(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            row = app.screen.query_one(LeadTable).current_row
            assert row is not None
            before = demo_store.leads.get_lead(row.id)
            await pilot.press("e")
            await settle(pilot)
            company = form(app).query_one("#in-company", Input)
            assert company.value == before.company
            company.value = ""
            await type_into(pilot, "company", "Nueva Empresa SL")
            await pilot.press("ctrl+s")
            await settle(pilot)
            after = demo_store.leads.get_lead(row.id)
            assert after.company == "Nueva Empresa SL"
            assert after.version == before.version + 1
            assert (after.email, after.value_cents, after.stage) == (
                before.email,
                before.value_cents,
                before.stage,
            )
            assert after.next_followup_at == before.next_followup_at or (
                before.next_followup_at is not None
                and after.next_followup_at is not None
                and after.next_followup_at.date() == before.next_followup_at.date()
            )
            await pilot.press("u")
            await settle(pilot)
            assert demo_store.leads.get_lead(row.id).company == before.company

    async def test_unchanged_edit_closes_without_writing(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            row = app.screen.query_one(LeadTable).current_row
            assert row is not None
            version = demo_store.leads.get_lead(row.id).version
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, LeadListScreen)
            assert demo_store.leads.get_lead(row.id).version == version


def test_followup_date_parsing() -> None:
    parsed = parse_followup_date("2026-03-20")
    assert parsed is not None and parsed.astimezone().date() == date(2026, 3, 20)
    assert parse_followup_date("  ") is None
    for bad in ("20/03/2026", "2026-3-20", "tomorrow"):
        try:
            parse_followup_date(bad)
        except ValueError as error:
            assert "YYYY-MM-DD" in str(error)
        else:
            raise AssertionError(bad)
