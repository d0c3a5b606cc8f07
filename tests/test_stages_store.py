"""Editing the pipeline (store.stage_editor): add, rename, reorder, remove, cadences, on both
backends; metrics and stage steps follow the edited stages."""

from __future__ import annotations

import pytest
from pg_fixtures import both_backends

from leadtui.domain.cadence import NURTURE_FALLBACK, Cadence
from leadtui.domain.closing import stage_step
from leadtui.domain.rows import LeadInput
from leadtui.domain.validation import ValidationError
from leadtui.store import LeadStore
from leadtui.store.stages import StageInUse

pytestmark = both_backends


def keys(store: LeadStore) -> list[str]:
    return [stage.key for stage in store.reads.stages()]


def lead(store: LeadStore, name: str, stage: str = "new") -> int:
    made = store.leads.add_lead(LeadInput(first_name=name, stage=stage)).id
    assert made is not None
    return made


def test_add_places_the_stage_before_won_with_a_fresh_key(store: LeadStore) -> None:
    added = store.stage_editor.add("Demo hecha")
    assert added.key == "demo_hecha" and added.kind == "open"
    assert keys(store) == ["new", "contacted", "qualified", "proposal", "demo_hecha", "won", "lost"]
    after = store.stage_editor.add("Négociation", after="contacted")
    assert after.key == "negociation"
    assert keys(store)[2] == "negociation"
    positions = [stage.position for stage in store.reads.stages()]
    assert positions == sorted(set(positions))


def test_names_must_be_new_and_kinds_addable(store: LeadStore) -> None:
    with pytest.raises(ValidationError, match="already a stage"):
        store.stage_editor.add("qualified")
    with pytest.raises(ValidationError, match="needs a name"):
        store.stage_editor.add("   ")
    with pytest.raises(ValidationError, match="open or nurture"):
        store.stage_editor.add("Closed", kind="won")
    with pytest.raises(ValidationError, match="end of the pipeline"):
        store.stage_editor.add("After won", after="won")


def test_rename_keeps_the_key_and_the_kind(store: LeadStore) -> None:
    lead_id = lead(store, "Ana", "won")
    previous = store.stage_editor.rename("won", "Signed")
    assert previous == "Won"
    won = next(s for s in store.reads.stages() if s.key == "won")
    assert (won.name, won.kind) == ("Signed", "won")
    assert store.reads.lead_row(lead_id) is not None
    assert store.reads.funnel_metrics().won == 1
    store.stage_editor.rename("won", previous)
    assert next(s.name for s in store.reads.stages() if s.key == "won") == "Won"


def test_move_and_shift_reorder_and_undo(store: LeadStore) -> None:
    before = store.stage_editor.move("proposal", after="new")
    assert keys(store)[:3] == ["new", "proposal", "contacted"]
    store.stage_editor.reorder(before)
    assert keys(store) == list(before)
    assert store.stage_editor.shift("qualified", -1) is not None
    assert keys(store)[1:3] == ["qualified", "contacted"]
    assert store.stage_editor.shift("new", -1) is None
    with pytest.raises(ValidationError, match="cannot be moved"):
        store.stage_editor.shift("won", -1)
    # Won and Lost stay last: the last open stage does not move past them.
    assert store.stage_editor.shift("proposal", 1) is None


def test_a_stage_with_leads_is_removed_only_once_they_move(store: LeadStore) -> None:
    first, second = lead(store, "Ana", "qualified"), lead(store, "Ben", "qualified")
    gone = lead(store, "Cy", "qualified")
    store.leads.delete_leads([gone])
    with pytest.raises(StageInUse) as refused:
        store.stage_editor.remove("qualified")
    assert refused.value.count == 2
    assert "2 leads are in Qualified" in str(refused.value)
    removed = store.stage_editor.remove("qualified", move_to="contacted")
    assert removed.moved == 2
    assert "qualified" not in keys(store)
    for lead_id in (first, second):
        row = store.reads.lead_row(lead_id)
        assert row is not None and row.stage == "contacted"
        history = store.reads.stage_history(lead_id)
        assert history[-1].to_stage == "contacted"
    store.leads.restore_leads([gone])
    row = store.reads.lead_row(gone)
    assert row is not None and row.stage == "contacted"
    with pytest.raises(ValidationError, match="cannot be undone"):
        store.stage_editor.restore(removed)


def test_an_empty_stage_is_removed_and_put_back(store: LeadStore) -> None:
    store.stage_editor.set_cadence("proposal", 4, 12)
    removed = store.stage_editor.remove("proposal")
    assert "proposal" not in keys(store)
    store.stage_editor.restore(removed)
    assert keys(store) == ["new", "contacted", "qualified", "proposal", "won", "lost"]
    assert store.agenda.cadence_of("proposal") == Cadence(4, 12)


def test_won_lost_and_the_first_stage_stay(store: LeadStore) -> None:
    for key in ("won", "lost", "new"):
        with pytest.raises(ValidationError):
            store.stage_editor.remove(key)
    with pytest.raises(ValidationError, match="another open"):
        store.stage_editor.remove("contacted", move_to="won")


def test_cadence_edit_returns_the_old_one_for_undo(store: LeadStore) -> None:
    assert store.stage_editor.set_cadence("new", 2, 6) is None
    assert store.stage_editor.set_cadence("new", 3, 9) == Cadence(2, 6)
    rows = {row.stage.key: row for row in store.stage_editor.rows()}
    assert rows["new"].cadence == Cadence(3, 9)
    assert rows["won"].cadence is None
    store.stage_editor.clear_cadence("new")
    assert store.agenda.cadence_of("new") == Cadence(1, 3)


def test_a_nurturing_stage_has_a_long_cadence_and_is_not_lost(store: LeadStore) -> None:
    nurture = store.stage_editor.add("Nurturing", kind="nurture")
    assert store.agenda.cadence_of(nurture.key) == NURTURE_FALLBACK
    store.stage_editor.set_cadence(nurture.key, 30, 90)
    parked = lead(store, "Parked", "proposal")
    store.pipeline.move_lead(parked, nurture.key)
    lost = lead(store, "Gone")
    store.pipeline.move_lead(lost, "lost", "no budget")
    won = lead(store, "Yes")
    store.pipeline.move_lead(won, "won")
    metrics = store.reads.funnel_metrics()
    assert (metrics.won, metrics.lost, metrics.win_rate) == (1, 1, 0.5)
    by_key = {stage.key: stage for stage in metrics.stages}
    assert by_key[nurture.key].count == 1 and by_key[nurture.key].conversion is None
    # Parking a proposal is not converting it.
    assert by_key["proposal"].reached == 1 and by_key["proposal"].converted == 0
    rows = {row.stage.key: row for row in store.stage_editor.rows()}
    assert rows[nurture.key].count == 1 and rows[nurture.key].cadence == Cadence(30, 90)


def test_next_stage_skips_nurturing_and_leaves_it_in_order(store: LeadStore) -> None:
    nurture = store.stage_editor.add("Nurturing", kind="nurture")
    stages = store.reads.stages()
    assert stage_step(stages, "proposal", 1).action == "win"
    assert stage_step(stages, nurture.key, 1).action == "win"
    assert stage_step(stages, nurture.key, -1).stage == "proposal"
    store.stage_editor.move(nurture.key, after="new")
    stages = store.reads.stages()
    assert stage_step(stages, "new", 1).stage == "contacted"
    assert stage_step(stages, nurture.key, 1).stage == "contacted"


def test_metrics_and_totals_follow_renamed_and_reordered_stages(store: LeadStore) -> None:
    lead(store, "Ana", "proposal")
    store.stage_editor.rename("proposal", "Offer sent")
    store.stage_editor.move("proposal", after="new")
    metrics = store.reads.funnel_metrics()
    assert [s.key for s in metrics.stages][:2] == ["new", "proposal"]
    assert metrics.stages[1].name == "Offer sent" and metrics.stages[1].count == 1
    totals = store.reads.stage_totals()
    assert (totals[1].stage.name, totals[1].count) == ("Offer sent", 1)
