"""Pilot tests for the lead detail: every nurturing key, checked against the database afterwards."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import SNAPSHOT_SIZE, AppFactory
from pg_fixtures import both_backends, store_target
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import run_from_palette, settle

from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import FollowUpFilter, LeadFilter, LeadSort
from leadtui.launch import open_store
from leadtui.store import LeadStore
from leadtui.ui.screens import lead_detail
from leadtui.ui.screens.conflict_dialog import ConflictDialog
from leadtui.ui.screens.detail_edit import EditLeadForm
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.won_dialog import WonDialog

pytestmark = both_backends


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    """Press keys one by one, settling after each."""
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


async def open_detail(
    pilot: Pilot[None], lead_id: int, neighbours: lead_detail.Neighbours | None = None
) -> LeadDetailScreen:
    """Push the detail screen over the app, as the list does with Enter."""
    screen = LeadDetailScreen(lead_id, neighbours)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def lead_in(store: LeadStore, stage: str, followup: FollowUpFilter = FollowUpFilter.ANY) -> int:
    """The lead of ``stage`` with the longest timeline (ties: lowest id)."""
    rows = store.reads.page_list(LeadFilter(stages=(stage,), followup=followup), LeadSort(), 0, 100)
    return max(rows, key=lambda row: (len(store.reads.timeline(row.id)), -row.id)).id


def newest_activity(store: LeadStore, lead_id: int) -> tuple[str, str] | None:
    """(kind, body) of the newest activity of a lead."""
    for entry in store.reads.timeline(lead_id):
        if entry.kind == "activity":
            return entry.activity_kind, entry.body
    return None


class TestActivities:
    """a logs a note, call, email or meeting with multi-line text."""

    @pytest.mark.parametrize(
        ("rights", "kind"), [(0, "note"), (1, "call"), (2, "email"), (3, "meeting")]
    )
    async def test_log_each_kind(
        self, demo_store: LeadStore, app_factory: AppFactory, rights: int, kind: str
    ) -> None:
        lead = lead_in(demo_store, "contacted")
        before = len(demo_store.reads.timeline(lead))
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "a", "shift+tab", *(["right"] * rights), "enter", "tab")
            await pilot.press(*"Rang [bold]them")
            await keys(pilot, "enter")
            await pilot.press(*"second line")
            await keys(pilot, "ctrl+s")
            assert isinstance(app.screen, LeadDetailScreen)
        assert newest_activity(demo_store, lead) == (kind, "Rang [bold]them\nsecond line")
        assert len(demo_store.reads.timeline(lead)) == before + 1
        assert demo_store.leads.get_lead(lead).last_activity_at is not None

    async def test_empty_note_is_refused_and_escape_cancels(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "new")
        before = demo_store.reads.timeline(lead)
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "a", "ctrl+s")
            assert not isinstance(app.screen, LeadDetailScreen)  # still asking
            await keys(pilot, "escape")
            assert isinstance(app.screen, LeadDetailScreen)
        assert demo_store.reads.timeline(lead) == before


class TestFollowUps:
    """f schedules the next touch from quick picks or a typed date, or clears it."""

    async def test_quick_pick_typed_date_and_clear(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "qualified")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "f", "down", "enter")  # tomorrow
            assert demo_store.leads.get_lead(lead).next_followup_at == datetime(
                2026, 3, 17, 9, tzinfo=UTC
            )
            await keys(pilot, "f", "tab")
            await pilot.press(*"2026-02-30")
            await keys(pilot, "enter")
            assert "Not a date" in str(app.screen.query_one("#followup-error").render())
            app.screen.query_one(Input).value = ""
            await pilot.press(*"2026-04-01")
            await keys(pilot, "enter")
            assert demo_store.leads.get_lead(lead).next_followup_at == datetime(
                2026, 4, 1, 9, tzinfo=UTC
            )
            await keys(pilot, "f", "end", "enter")  # clear
            assert demo_store.leads.get_lead(lead).next_followup_at is None
            await keys(pilot, "u")
            assert demo_store.leads.get_lead(lead).next_followup_at == datetime(
                2026, 4, 1, 9, tzinfo=UTC
            )


class TestStages:
    """w, l (with a reason), > and < move the lead and leave history."""

    async def test_won(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        lead = lead_in(demo_store, "proposal")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "w", "enter")
        assert demo_store.leads.get_lead(lead).stage == "won"
        last = demo_store.reads.stage_history(lead)[-1]
        assert (last.from_stage, last.to_stage) == ("proposal", "won")

    async def test_won_from_the_command_palette(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "qualified")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await run_from_palette(pilot, "mark won", "won")
            await keys(pilot, "enter")
        assert demo_store.leads.get_lead(lead).stage == "won"

    async def test_lost_with_common_reason(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "proposal")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "x", "down", "enter")
        last = demo_store.reads.stage_history(lead)[-1]
        assert (last.to_stage, last.reason) == ("lost", "No budget")
        assert demo_store.leads.get_lead(lead).stage == "lost"

    async def test_lost_with_typed_reason_and_cancel(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "qualified")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "x", "escape")
            assert demo_store.leads.get_lead(lead).stage == "qualified"
            await keys(pilot, "x", "tab")
            await pilot.press(*"Acme [/] did it in-house")
            await keys(pilot, "enter")
        last = demo_store.reads.stage_history(lead)[-1]
        assert (last.from_stage, last.to_stage, last.reason) == (
            "qualified",
            "lost",
            "Acme [/] did it in-house",
        )

    async def test_next_and_previous_stage_and_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "contacted")
        changes = len(demo_store.reads.stage_history(lead))
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "greater_than_sign")
            assert demo_store.leads.get_lead(lead).stage == "qualified"
            await keys(pilot, "greater_than_sign", "less_than_sign", "less_than_sign")
            assert demo_store.leads.get_lead(lead).stage == "contacted"
            assert len(demo_store.reads.stage_history(lead)) == changes + 4
            await keys(pilot, "u")
            assert demo_store.leads.get_lead(lead).stage == "qualified"
            assert len(demo_store.reads.stage_history(lead)) == changes + 3

    async def test_stale_move_is_refused(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "contacted")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            other = open_store(store_target(demo_store), clock=demo_store.clock)
            other.pipeline.move_lead(lead, "proposal")
            other.close()
            await keys(pilot, "greater_than_sign")
            assert demo_store.leads.get_lead(lead).stage == "proposal"  # not moved on top
            await keys(pilot, "greater_than_sign")  # the screen re-read it: now it asks
            assert isinstance(app.screen, WonDialog)
            await keys(pilot, "enter")
        assert demo_store.leads.get_lead(lead).stage == "won"


class TestTags:
    """t adds tags (completed from existing ones) and removes them."""

    async def test_add_and_remove_then_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "qualified")
        old = demo_store.reads.tags_of(lead)
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "number_sign")
            await pilot.press(*"[bold]hot")
            await keys(pilot, "enter", "tab")
            if old:
                await keys(pilot, "home", "enter")  # mark the first old tag for removal
            await keys(pilot, "ctrl+s")
            expected = sorted({*old[1:], "[bold]hot"}, key=str.lower)
            assert demo_store.reads.tags_of(lead) == expected
            await keys(pilot, "u")
        assert demo_store.reads.tags_of(lead) == old

    async def test_completion_offers_existing_tags(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "new")
        known = demo_store.reads.all_tags()[0]
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "number_sign")
            await pilot.press(*known[:2])
            await keys(pilot, "right", "enter", "enter")
        assert known in demo_store.reads.tags_of(lead)


class TestNavigationAndOutside:
    """[ and ] walk the list it came from; m opens mailto:, c copies the email; Esc returns."""

    async def test_previous_and_next(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        ids = [row.id for row in demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 3)]

        def neighbours(current: int, step: int) -> int | None:
            index = ids.index(current) + step
            return ids[index] if 0 <= index < len(ids) else None

        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            screen = await open_detail(pilot, ids[1], neighbours)
            await keys(pilot, "right_square_bracket")
            assert screen.lead_id == ids[2]
            assert screen.detail is not None and screen.detail.id == ids[2]
            await keys(pilot, "right_square_bracket")  # the end: stays
            assert screen.lead_id == ids[2]
            await keys(pilot, "left_square_bracket", "left_square_bracket")
            assert screen.lead_id == ids[0]
            await keys(pilot, "q")
            assert not isinstance(app.screen, LeadDetailScreen)

    async def test_mail_and_copy(
        self, demo_store: LeadStore, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        opened: list[str] = []
        monkeypatch.setattr(lead_detail, "open_external", lambda _app, url: opened.append(url))
        lead = lead_in(demo_store, "new")
        email = demo_store.leads.get_lead(lead).email
        assert email
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "at", "y")
            assert app.clipboard == email
        assert opened == [f"mailto:{email}"]


class TestDeleteAndUndo:
    """x deletes after a confirmation and closes; u from the lead brings it back."""

    async def test_delete_confirm_and_undo(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "new")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "d", "n")
            demo_store.leads.get_lead(lead)  # still there
            await keys(pilot, "d", "y")
            assert not isinstance(app.screen, LeadDetailScreen)
            with pytest.raises(NotFoundError):
                demo_store.leads.get_lead(lead)
            await open_detail(pilot, lead)
            await keys(pilot, "u")
        assert demo_store.leads.get_lead(lead).id == lead

    async def test_undo_activity_and_nothing_left(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "new")
        before = demo_store.reads.timeline(lead)
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await keys(pilot, "a")
            await pilot.press(*"left a voicemail")
            await keys(pilot, "ctrl+s")
            assert len(demo_store.reads.timeline(lead)) == len(before) + 1
            await keys(pilot, "u")
            assert len(app.undo_history) == 0
            await keys(pilot, "u")  # nothing left: a toast, no error
        assert demo_store.reads.timeline(lead) == before


async def edit_while_another_writes(pilot: Pilot[None], store: LeadStore, lead: int) -> None:
    """e, then a second store saves the same lead, then the user types and saves."""
    await keys(pilot, "e")
    assert isinstance(pilot.app.screen, EditLeadForm)
    other = open_store(store_target(store), clock=store.clock)
    data, version = other.leads.lead_input(lead)
    data.company = "Theirs S.L."
    other.leads.update_lead(lead, version, data)
    other.close()
    form_input = pilot.app.screen.query_one("#in-first_name", Input)
    form_input.value = "Mine"
    await keys(pilot, "ctrl+s")


class TestConflicts:
    """Saving an edit of a lead changed elsewhere shows both versions; nothing is overwritten."""

    async def test_keep_mine(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        lead = lead_in(demo_store, "qualified")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await edit_while_another_writes(pilot, demo_store, lead)
            assert isinstance(app.screen, ConflictDialog)
            assert demo_store.leads.get_lead(lead).company == "Theirs S.L."  # not yet overwritten
            await keys(pilot, "k")
            assert isinstance(app.screen, LeadDetailScreen)
        saved = demo_store.leads.get_lead(lead)  # my field saved, theirs kept: a merge
        assert (saved.first_name, saved.company) == ("Mine", "Theirs S.L.")

    async def test_take_theirs(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        lead = lead_in(demo_store, "qualified")
        first = demo_store.leads.get_lead(lead).first_name
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await edit_while_another_writes(pilot, demo_store, lead)
            await keys(pilot, "t")
        saved = demo_store.leads.get_lead(lead)
        assert (saved.first_name, saved.company) == (first, "Theirs S.L.")

    async def test_cancel_saves_nothing(
        self, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        lead = lead_in(demo_store, "qualified")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await open_detail(pilot, lead)
            await edit_while_another_writes(pilot, demo_store, lead)
            version = demo_store.leads.get_lead(lead).version
            await keys(pilot, "escape")  # back to the form, what was typed kept
            assert isinstance(app.screen, EditLeadForm)
            assert app.screen.query_one("#in-first_name", Input).value == "Mine"
            await keys(pilot, "escape", "y")  # discard it
            assert isinstance(app.screen, LeadDetailScreen)
        assert demo_store.leads.get_lead(lead).version == version
        assert demo_store.leads.get_lead(lead).first_name != "Mine"

    async def test_plain_edit_saves(self, demo_store: LeadStore, app_factory: AppFactory) -> None:
        lead = lead_in(demo_store, "new")
        app = app_factory(demo_store)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            screen = await open_detail(pilot, lead)
            await keys(pilot, "e")
            app.screen.query_one("#in-first_name", Input).value = "Renamed"
            await keys(pilot, "ctrl+s")
            assert isinstance(app.screen, LeadDetailScreen)
            assert screen.detail is not None and screen.detail.first_name == "Renamed"
        assert demo_store.leads.get_lead(lead).first_name == "Renamed"


class TestDetailReads:
    """The core behind the screen: one stdlib read, tag changes, relative times."""

    def test_lead_detail_matches_the_orm(self, demo_store: LeadStore) -> None:
        lead = lead_in(demo_store, "proposal", FollowUpFilter.OVERDUE)
        detail = demo_store.reads.lead_detail(lead)
        full = demo_store.leads.get_lead(lead)
        assert detail is not None
        assert (detail.email, detail.company, detail.version, detail.next_followup_at) == (
            full.email,
            full.company,
            full.version,
            full.next_followup_at,
        )
        assert list(detail.tags) == demo_store.reads.tags_of(lead)
        moments = [entry.at for entry in detail.timeline]
        assert moments == sorted(moments, reverse=True) and len(moments) >= 5
        assert demo_store.reads.lead_detail(10**9) is None
        demo_store.leads.delete_leads([lead])
        deleted = demo_store.reads.lead_detail(lead)
        assert deleted is not None and deleted.deleted

    def test_retag_lead_reports_real_changes(self, demo_store: LeadStore) -> None:
        lead = lead_in(demo_store, "new")
        old = demo_store.reads.tags_of(lead)
        added, removed = demo_store.touches.retag_lead(
            lead, ["brand-new", *old], ["not-there", *old]
        )
        assert (added, sorted(removed)) == (["brand-new", *old], sorted(old))
        assert demo_store.reads.tags_of(lead) == sorted(["brand-new", *old], key=str.lower)

    def test_relative_time(self) -> None:
        from leadtui.ui.widgets.timeline import relative_time

        now = datetime(2026, 3, 16, 10, tzinfo=UTC)
        cases = {
            datetime(2026, 3, 16, 9, 59, 30, tzinfo=UTC): "just now",
            datetime(2026, 3, 16, 9, 15, tzinfo=UTC): "45 min ago",
            datetime(2026, 3, 16, 7, tzinfo=UTC): "3 h ago",
            datetime(2026, 3, 11, 11, tzinfo=UTC): "4 d ago",
            datetime(2026, 1, 6, tzinfo=UTC): "9 wk ago",
            datetime(2024, 1, 1, tzinfo=UTC): "2 y ago",
            datetime(2026, 3, 19, 10, tzinfo=UTC): "in 3 d",
        }
        assert {at: relative_time(at, now) for at in cases} == cases
