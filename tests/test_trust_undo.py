"""Undo restores every field its action changed (#18 items 2 and 3, #14 item 7), both backends."""

from __future__ import annotations

from datetime import timedelta

from conftest import DEMO_NOW
from pg_fixtures import both_backends

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore

pytestmark = both_backends

FOLLOWUP = DEMO_NOW + timedelta(days=3)


def open_lead(store: LeadStore) -> int:
    """A lead in Proposal with a follow-up and a value."""
    lead = store.leads.add_lead(
        LeadInput(
            first_name="Ana",
            email="ana@closing.example.com",
            stage="proposal",
            value_cents=50_000,
            next_followup_at=FOLLOWUP,
        )
    )
    assert lead.id is not None
    return lead.id


class TestClosingDeals:
    """Won and Lost clear the follow-up; undo brings back stage, value, follow-up, reason."""

    def test_lost_clears_the_followup_and_undo_restores_it(self, store: LeadStore) -> None:
        lead_id = open_lead(store)
        result = store.pipeline.move_lead(lead_id, "lost", "No budget")
        assert result is not None
        lost = store.reads.lead_row(lead_id)
        assert lost is not None and lost.next_followup_at is None
        assert store.reads.stage_history(lead_id)[-1].reason == "No budget"
        store.pipeline.undo_moves([result])
        back = store.reads.lead_row(lead_id)
        assert back is not None
        assert (back.stage, back.next_followup_at) == ("proposal", FOLLOWUP)
        assert all(change.reason != "No budget" for change in store.reads.stage_history(lead_id))

    def test_won_sets_the_value_clears_the_followup_and_undo_restores_both(
        self, store: LeadStore
    ) -> None:
        lead_id = open_lead(store)
        result = store.pipeline.move_lead(lead_id, "won", value_cents=72_000)
        assert result is not None
        won = store.reads.lead_row(lead_id)
        assert won is not None
        assert (won.stage, won.value_cents, won.next_followup_at) == ("won", 72_000, None)
        store.pipeline.undo_moves([result])
        back = store.reads.lead_row(lead_id)
        assert back is not None
        assert (back.stage, back.value_cents, back.next_followup_at) == (
            "proposal",
            50_000,
            FOLLOWUP,
        )


class TestTagUndo:
    """Undoing a tag that the action created takes it out of the tag list too."""

    def test_undone_bulk_tag_leaves_the_tag_list(self, store: LeadStore) -> None:
        lead_id = open_lead(store)
        added = store.touches.tag_leads([lead_id], "brand-new")
        assert "brand-new" in store.reads.all_tags()
        store.touches.untag_leads(added, "brand-new", drop_unused=True)
        assert "brand-new" not in store.reads.all_tags()
        assert store.reads.tags_of(lead_id) == []

    def test_a_tag_other_leads_carry_stays(self, store: LeadStore) -> None:
        lead_id = open_lead(store)
        other = store.leads.add_lead(LeadInput(first_name="Bo", tags=["shared"]))
        assert other.id is not None
        added = store.touches.tag_leads([lead_id], "shared")
        store.touches.untag_leads(added, "shared", drop_unused=True)
        assert "shared" in store.reads.all_tags()
        assert store.reads.tags_of(other.id) == ["shared"]

    def test_undone_detail_tag_leaves_the_tag_list(self, store: LeadStore) -> None:
        lead_id = open_lead(store)
        added, removed = store.touches.retag_lead(lead_id, ["fresh"], [])
        store.touches.retag_lead(lead_id, removed, added, drop_unused=True)
        assert "fresh" not in store.reads.all_tags()
