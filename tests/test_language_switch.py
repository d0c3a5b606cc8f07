"""The palette's Language command switches the running app: the choice is saved, the app
ends and the launcher starts it again in the new language on the same store, with the
same view and the same lead open."""

from __future__ import annotations

import pytest
from conftest import AppFactory
from language import speaking
from test_i18n import environment  # noqa: F401  (no language variables, settings in tmp)
from waiting import run_from_palette, settle, wait_until

from leadtui import i18n, launch
from leadtui.store import LeadStore
from leadtui.ui.reopen import Reopen

pytestmark = pytest.mark.usefixtures("environment")


async def test_language_switches_the_running_app_and_reopens_the_lead(
    demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_factory(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("b", "v", "enter")  # the list again, then a lead
        await settle(pilot)
        lead_id = app.screen.lead_id  # type: ignore[attr-defined]
        await run_from_palette(pilot, "language es", "Español")
        await wait_until(pilot, lambda: not app.is_running, "the app to end for the switch")
    assert app.language_switch == Reopen("es", "leads", (lead_id,))
    assert i18n.saved_language() == "es"
    assert demo_store.leads.get_lead(lead_id) is not None  # the store stays open for the next app

    with speaking("en"):  # puts every module back afterwards
        following = launch.next_app(app)
        assert following is not None and i18n.language() == "es"
        assert following.store is demo_store and following.undo_history is app.undo_history
        async with following.run_test(size=(120, 36)) as pilot:
            await wait_until(
                pilot,
                lambda: type(following.screen).__name__ == "LeadDetailScreen",
                "the lead to open again",
            )
            await settle(pilot)
            assert following.screen.lead_id == lead_id  # type: ignore[attr-defined]
            footer = " ".join(str(key.render()) for key in following.screen.query("FooterKey"))
            assert "Deshacer" in footer and "Undo" not in footer
            await pilot.press("q")
            await settle(pilot)
            assert type(following.screen).__name__ == "LeadListScreen"
        assert launch.next_app(following) is None
        monkeypatch.setenv(i18n.LANG_ENV, "en")  # what the block's end goes back to


async def test_choosing_the_language_in_use_changes_nothing(
    store: LeadStore, app_factory: AppFactory
) -> None:
    app = app_factory(store)
    async with app.run_test() as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "language en", "English")
        assert app.is_running and app.language_switch is None
    assert i18n.saved_language() == "en"
