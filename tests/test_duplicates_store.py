"""Duplicate scans, merge and unmerge through the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from conftest import fixed_clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_fixtures import both_backends
from sqlalchemy import text

from leadtui.domain.duplicates import Confidence
from leadtui.domain.duplicates_merge import Side
from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadInput
from leadtui.storage.columns import TABLES
from leadtui.store import LeadStore

pytestmark = both_backends


def dump(store: LeadStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine().connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table.name}")).all()
            found[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return found


def add(store: LeadStore, **fields: Any) -> int:
    lead = store.leads.add_lead(LeadInput(**fields))
    assert lead.id is not None
    return lead.id


@pytest.fixture
def pair(store: LeadStore) -> tuple[int, int]:
    """José twice: an old lead with a phone and a newer one with a Gmail address."""
    old = add(
        store, first_name="José", last_name="Núñez", phone="+34 600 11 22 33",
        company="Acme", stage="qualified", tags=["vip"], value_cents=5000, currency="EUR",
    )  # fmt: skip
    store.touches.add_activity(old, "call", "first call")
    store.agenda.set_followup(old, fixed_clock() + timedelta(days=9))
    new = add(
        store, first_name="Jose", last_name="Nunez", email="Jose.Nunez@gmail.com",
        phone="600112233", job_title="CTO", tags=["web"],
    )  # fmt: skip
    store.touches.add_activity(new, "note", "asked for a quote")
    store.agenda.set_followup(new, fixed_clock() + timedelta(days=2))
    return old, new


class TestCandidates:
    def test_scan_finds_the_pair_with_its_reason(
        self, store: LeadStore, pair: tuple[int, int]
    ) -> None:
        add(store, first_name="Luis", last_name="Pérez", company="Acme")
        add(store, first_name="Mar", last_name="Ruiz", email="josenunez@gmail.com")
        result = store.duplicates.scan()
        assert result.scanned == 4
        (cluster,) = [c for c in result.clusters if pair[0] in c.lead_ids]
        assert cluster.confidence is Confidence.CERTAIN
        assert "same phone +34600112233" in cluster.pairs[0].reason
        assert [c.lead_ids for c in result.clusters if pair[1] in c.lead_ids][0] == (
            pair[0], pair[1], pair[1] + 2,
        )  # fmt: skip

    def test_minimum_confidence_filters(self, store: LeadStore, pair: tuple[int, int]) -> None:
        add(store, first_name="Ana", last_name="García", phone="+34 611 000 000")
        add(store, first_name="Luis", last_name="García", phone="+34 611 000 000")
        everything = store.duplicates.scan()
        surer = store.duplicates.scan(Confidence.PROBABLE)
        assert len(everything.clusters) == 2 and len(surer.clusters) == 1

    def test_one_lead_and_the_form_check(self, store: LeadStore, pair: tuple[int, int]) -> None:
        (found,) = store.duplicates.candidates_for(pair[0])
        assert (found.low_id, found.high_id) == pair
        typed = LeadInput(first_name="José", last_name="Núñez", company="ACME S.L.")
        assert [c.high_id for c in store.duplicates.check_input(typed)] == [pair[0]]
        assert (
            store.duplicates.check_input(LeadInput(first_name="Ana", phone="+34 699 999 999")) == []
        )

    def test_not_a_duplicate_is_remembered(self, store: LeadStore, pair: tuple[int, int]) -> None:
        assert store.duplicates.mark_not_duplicate(*reversed(pair))
        assert not store.duplicates.mark_not_duplicate(*pair)
        assert store.duplicates.scan().clusters == ()
        assert store.duplicates.candidates_for(pair[0]) == []
        store.duplicates.unmark_not_duplicate(*pair)
        assert len(store.duplicates.scan().clusters) == 1


class TestMerge:
    def test_fields_default_to_the_newest_non_empty(
        self, store: LeadStore, pair: tuple[int, int]
    ) -> None:
        old, new = pair
        result = store.merges.merge(old, new)
        kept = store.leads.get_lead(old)
        assert kept.first_name == "Jose" and kept.email == "Jose.Nunez@gmail.com"
        assert kept.company == "Acme" and kept.job_title == "CTO"  # the newer one had none
        assert (kept.value_cents, kept.currency) == (5000, "EUR")
        assert kept.stage == "qualified"  # the furthest
        assert kept.next_followup_at == fixed_clock() + timedelta(days=2)  # the earliest
        assert store.reads.tags_of(old) == ["vip", "web"]
        bodies = [entry.body for entry in store.reads.timeline(old)]
        assert "first call" in bodies and "asked for a quote" in bodies
        assert any(f"leadtui unmerge {result.merge_id}" in body for body in bodies)
        with pytest.raises(NotFoundError):
            store.leads.get_lead(new)

    def test_one_field_taken_from_the_other(self, store: LeadStore, pair: tuple[int, int]) -> None:
        old, new = pair
        store.merges.merge(old, new, {"first_name": Side.KEPT, "value": Side.OTHER})
        kept = store.leads.get_lead(old)
        assert kept.first_name == "José" and kept.value_cents == 0  # asked for, though empty

    def test_unmerge_is_exact(self, store: LeadStore, pair: tuple[int, int]) -> None:
        before = dump(store)
        result = store.merges.merge(pair[0], pair[1])
        store.backend.check_search_index()
        store.merges.unmerge(result.merge_id)
        store.backend.check_search_index()
        assert dump(store) == before

    def test_later_edits_to_the_survivor_stay(
        self, store: LeadStore, pair: tuple[int, int]
    ) -> None:
        old, new = pair
        result = store.merges.merge(old, new)
        data, version = store.leads.lead_input(old)
        data.job_title = "CEO"
        store.leads.update_lead(old, version, data)
        note = store.touches.add_activity(old, "note", "after the merge")
        store.merges.unmerge(result.merge_id)
        kept, back = store.leads.get_lead(old), store.leads.get_lead(new)
        assert kept.job_title == "CEO" and kept.first_name == "José" and kept.email is None
        assert back.email == "Jose.Nunez@gmail.com" and back.job_title == "CTO"
        touches = [e for e in store.reads.timeline(new) if e.kind == "activity"]
        assert [e.body for e in touches if e.activity_kind != "followup"] == ["asked for a quote"]
        assert note.id in {e.id for e in store.reads.timeline(old) if e.kind == "activity"}
        assert store.reads.tags_of(old) == ["vip"] and store.reads.tags_of(new) == ["web"]

    def test_unmerge_gives_back_the_choices_merging_again_redoes(
        self, store: LeadStore, pair: tuple[int, int]
    ) -> None:
        old, new = pair
        chosen = {"first_name": Side.KEPT, "job_title": Side.KEPT}
        first = store.merges.merge(old, new, chosen)
        merged = store.leads.get_lead(old)
        undone = store.merges.unmerge(first.merge_id)
        assert undone.sides == first.sides and undone.sides["first_name"] is Side.KEPT
        store.merges.merge(old, new, undone.sides)
        again = store.leads.get_lead(old)
        assert (again.first_name, again.job_title) == ("José", "") == (
            merged.first_name, merged.job_title,
        )  # fmt: skip

    def test_an_older_merge_record_gives_its_choices_from_its_values(
        self, store: LeadStore, pair: tuple[int, int]
    ) -> None:
        """A merge recorded before the choices were kept: read back from what it changed."""
        import json

        old, new = pair
        first = store.merges.merge(old, new, {"first_name": Side.KEPT, "value": Side.OTHER})
        with store.engine().begin() as conn:
            raw = conn.execute(
                text("SELECT snapshot_json FROM leadmerge WHERE id = :id"), {"id": first.merge_id}
            ).scalar_one()
            snap = json.loads(raw)
            del snap["sides"]
            conn.execute(
                text("UPDATE leadmerge SET snapshot_json = :s WHERE id = :id"),
                {"s": json.dumps(snap), "id": first.merge_id},
            )
        sides = store.merges.unmerge(first.merge_id).sides
        assert sides["first_name"] is Side.KEPT and sides["value"] is Side.OTHER
        assert sides["email"] is Side.OTHER and sides["company"] is Side.KEPT

    def test_unknown_merge(self, store: LeadStore) -> None:
        with pytest.raises(NotFoundError):
            store.merges.unmerge(999)


names = st.sampled_from(["José", "Ana", "Núñez", "", "O'Brien"])
lead_inputs = st.builds(
    LeadInput,
    first_name=st.sampled_from(["José", "Ana", "O'Brien"]),
    last_name=names,
    company=st.sampled_from(["", "Acme", "Globex"]),
    job_title=st.sampled_from(["", "CTO"]),
    stage=st.sampled_from(["new", "contacted", "won", "lost"]),
    value_cents=st.integers(0, 10_000),
    currency=st.sampled_from(["EUR", "USD"]),
    tags=st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True),
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=lead_inputs,
    second=lead_inputs,
    notes=st.lists(st.tuples(st.booleans(), st.text("abc ", max_size=5)), max_size=4),
    sides=st.dictionaries(
        st.sampled_from(["first_name", "company", "value"]), st.sampled_from(list(Side))
    ),
)
def test_merge_then_unmerge_is_the_identity(
    store: LeadStore,
    first: LeadInput,
    second: LeadInput,
    notes: list[tuple[bool, str]],
    sides: dict[str, Side],
) -> None:
    """Every table is back as it was; the merge kept every activity; the index is sound."""
    kept, other = store.leads.add_lead(first).id, store.leads.add_lead(second).id
    assert kept is not None and other is not None
    for on_kept, body in notes:
        store.touches.add_activity(kept if on_kept else other, "note", body)
    activities = {
        e.id for lead in (kept, other) for e in store.reads.timeline(lead) if e.kind == "activity"
    }
    before = dump(store)
    result = store.merges.merge(kept, other, sides)
    merged = {e.id for e in store.reads.timeline(kept) if e.kind == "activity"}
    assert activities < merged and len(merged) == len(activities) + 1
    store.backend.check_search_index()
    store.merges.unmerge(result.merge_id)
    store.backend.check_search_index()
    assert dump(store) == before
