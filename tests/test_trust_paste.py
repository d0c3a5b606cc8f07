"""Pasted or typed control sequences are cleaned as the CLI cleans them (#18 item 9)."""

from __future__ import annotations

from conftest import SNAPSHOT_SIZE, AppFactory
from textual import events
from textual.widgets import Input, TextArea
from waiting import settle, wait_until

from leadtui.domain.sanitize import clean_str
from leadtui.store import LeadStore
from leadtui.ui.screens.activity_dialog import ActivityDialog
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_list import LeadListScreen

HOSTILE = "\x1b]0;pwned\x07Corp\x1b[2J\x1b[31mRED\x1b[0mEvil"


def test_the_cli_cleaning_gives_the_plain_text() -> None:
    """The one cleaning function keeps the text and drops the sequences whole."""
    assert clean_str(HOSTILE) == "CorpREDEvil"


class TestPaste:
    """A paste into a form field is stored as the CLI would store it."""

    async def test_paste_into_the_form_is_cleaned(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            for name, text in (("first_name", "Pat"), ("email", "pat@paste.example.com")):
                app.screen.query_one(f"#in-{name}", Input).value = text
            company = app.screen.query_one("#in-company", Input)
            company.focus()
            app.post_message(events.Paste(HOSTILE))
            await settle(pilot)
            assert company.value == "CorpREDEvil"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, LeadListScreen), "the list")
            await settle(pilot)
            lead = demo_store.leads.find_lead("pat@paste.example.com")
            assert lead.company == "CorpREDEvil"

    async def test_paste_into_a_text_area_is_cleaned(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, LeadDetailScreen), "detail")
            await settle(pilot)
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, ActivityDialog), "dialog")
            area = app.screen.query_one(TextArea)
            app.post_message(events.Paste(HOSTILE + "\nline two"))
            await settle(pilot)
            assert area.text == "CorpREDEvil\nline two"
