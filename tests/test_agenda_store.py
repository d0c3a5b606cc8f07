"""The agenda's sections, cadence proposals and touches with follow-ups, on both backends."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import DEMO_NOW
from pg_fixtures import both_backends

from leadtui.domain.agenda import AgendaSection, split_followup_body
from leadtui.domain.cadence import Cadence
from leadtui.domain.rows import LeadInput
from leadtui.domain.validation import ValidationError
from leadtui.store import KEEP, LeadStore

pytestmark = both_backends

DAY = timedelta(days=1)


def at(store: LeadStore, when: datetime) -> LeadStore:
    """The same database seen from another moment (to make old leads and touches)."""
    return LeadStore(store.backend, clock=lambda: when)


def lead(store: LeadStore, name: str, stage: str = "new", followup: datetime | None = None) -> int:
    made = store.leads.add_lead(
        LeadInput(first_name=name, stage=stage, next_followup_at=followup)
    ).id
    assert made is not None
    return made


def section_ids(store: LeadStore, section: AgendaSection) -> list[int]:
    return [row.lead.id for row in store.reads.agenda_page(section, 0, 100)]


def test_sections_hold_the_right_leads_in_order(store: LeadStore) -> None:
    old = at(store, DEMO_NOW - 30 * DAY)
    late = lead(old, "Late", "contacted", DEMO_NOW - 5 * DAY)
    later = lead(old, "Later", "qualified", DEMO_NOW - 9 * DAY)
    today = lead(store, "Today", "new", DEMO_NOW + timedelta(hours=3))
    soon = lead(store, "Soon", "proposal", DEMO_NOW + 2 * DAY)
    far = lead(store, "Far", "new", DEMO_NOW + 20 * DAY)
    none = lead(store, "Nothing", "new")
    won = lead(old, "Won", "won", DEMO_NOW - 3 * DAY)  # closed: in no section
    cold = lead(old, "Cold", "new")
    assert section_ids(store, AgendaSection.OVERDUE) == [later, late]
    assert section_ids(store, AgendaSection.TODAY) == [today]
    assert section_ids(store, AgendaSection.UPCOMING) == [soon]
    assert section_ids(store, AgendaSection.NO_NEXT_STEP) == [none, cold]
    # New goes cold after 3 days untouched, Contacted/Proposal after 10, Qualified after 21.
    assert section_ids(store, AgendaSection.GOING_COLD) == [cold, late, later]
    for section in AgendaSection:
        assert store.reads.agenda_count(section) == len(section_ids(store, section))
        assert won not in section_ids(store, section)
    assert far not in {i for s in AgendaSection for i in section_ids(store, s)}


def test_paging_across_stage_parts_is_seamless(store: LeadStore) -> None:
    made = [lead(store, f"N{i}", stage) for i, stage in enumerate(["new", "contacted"] * 5)]
    whole = section_ids(store, AgendaSection.NO_NEXT_STEP)
    assert sorted(whole) == sorted(made)
    pages = [
        row.lead.id
        for o in range(0, 10, 3)
        for row in store.reads.agenda_page(AgendaSection.NO_NEXT_STEP, o, 3)
    ]
    assert pages == whole


def test_touch_with_followup_shows_note_and_last_touch(store: LeadStore) -> None:
    lead_id = lead(store, "Ana", "new")
    logged = store.agenda.log_touch(
        lead_id, "call", "wants a quote\nsecond line", DEMO_NOW - DAY, "quote"
    )
    (row,) = store.reads.agenda_page(AgendaSection.OVERDUE, 0, 10)
    assert row.lead.id == lead_id and row.followup_note == "quote"
    assert row.last_touch is not None
    assert (row.last_touch.kind, row.last_touch.body) == ("call", "wants a quote")
    timeline = store.reads.timeline(lead_id)
    entry = next(e for e in timeline if e.activity_kind == "followup")
    assert split_followup_body(entry.body) == (DEMO_NOW - DAY, "quote")
    detail = store.reads.lead_detail(lead_id)
    assert detail is not None and detail.last_activity_at == DEMO_NOW
    store.agenda.undo_touch(logged)
    detail = store.reads.lead_detail(lead_id)
    assert detail is not None
    assert (detail.next_followup_at, detail.last_activity_at) == (None, None)
    assert [e.activity_kind for e in store.reads.timeline(lead_id) if e.kind == "activity"] == []


def test_keep_leaves_the_followup(store: LeadStore) -> None:
    lead_id = lead(store, "Ana", "new", DEMO_NOW + DAY)
    logged = store.agenda.log_touch(lead_id, "email", "sent", KEEP)
    assert logged.followup is None
    detail = store.reads.lead_detail(lead_id)
    assert detail is not None and detail.next_followup_at == DEMO_NOW + DAY


def test_schedule_and_undo_followup(store: LeadStore) -> None:
    lead_id = lead(store, "Ana", "new", DEMO_NOW + DAY)
    change = store.agenda.schedule_followup(lead_id, None, "")
    assert change.previous == DEMO_NOW + DAY
    assert store.reads.agenda_count(AgendaSection.NO_NEXT_STEP) == 1
    store.agenda.undo_followup(change)
    detail = store.reads.lead_detail(lead_id)
    assert detail is not None and detail.next_followup_at == DEMO_NOW + DAY
    assert not [e for e in store.reads.timeline(lead_id) if e.activity_kind == "followup"]


def test_cadences_default_store_and_propose(store: LeadStore) -> None:
    found = {c.stage.key: c.cadence for c in store.agenda.cadences()}
    assert found["new"] == Cadence(1, 3) and found["contacted"] == Cadence(3, 10)
    assert found["qualified"] == Cadence(7, 21) and found["proposal"] == Cadence(3, 10)
    assert found["won"] is None and found["lost"] is None
    assert store.agenda.propose("contacted") == datetime(2026, 3, 19, 9, tzinfo=DEMO_NOW.tzinfo)
    assert store.agenda.propose("won") is None
    store.agenda.set_cadence("contacted", 5, 12)
    store.agenda.set_cadence("contacted", 4, 12)  # edited again: one row, the latest values
    assert {c.stage.key: c.cadence for c in store.agenda.cadences()}["contacted"] == Cadence(4, 12)
    assert store.agenda.propose("contacted") == datetime(2026, 3, 20, 9, tzinfo=DEMO_NOW.tzinfo)


def test_an_edited_cold_limit_changes_going_cold(store: LeadStore) -> None:
    old = at(store, DEMO_NOW - 5 * DAY)
    quiet = lead(old, "Quiet", "contacted")
    assert quiet not in section_ids(store, AgendaSection.GOING_COLD)
    store.agenda.set_cadence("contacted", 2, 4)
    assert quiet in section_ids(store, AgendaSection.GOING_COLD)


@pytest.mark.parametrize(("stage", "days", "cold"), [("won", 3, 5), ("new", 0, 3), ("new", 5, 2)])
def test_bad_cadences_are_refused(store: LeadStore, stage: str, days: int, cold: int) -> None:
    with pytest.raises(ValidationError):
        store.agenda.set_cadence(stage, days, cold)


def test_counts_stop_past_the_cap(store: LeadStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import leadtui.storage.agenda_plan as plan

    monkeypatch.setattr(plan, "COUNT_CAP", 3)
    for index in range(5):
        lead(store, f"N{index}", ["new", "contacted"][index % 2])
    assert store.reads.agenda_count(AgendaSection.NO_NEXT_STEP) == 4  # "3+"
    assert len(section_ids(store, AgendaSection.NO_NEXT_STEP)) == 5  # pages are not capped
