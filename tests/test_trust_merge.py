"""An edit merged into a newer version keeps the other writer's fields (#18 item 6)."""

from __future__ import annotations

from leadtui.domain.merge import merge_edit
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadInput

BASE = LeadInput(first_name="Ana", company="Old", stage="new", tags=["a", "b"])


def test_only_my_fields_are_taken() -> None:
    mine = replace(BASE, first_name="Anna", tags=["b", "a"])  # same tags, other order
    theirs = replace(BASE, company="New", stage="contacted")
    merge = merge_edit(BASE, mine, theirs)
    assert merge.mine == {"first_name"}
    assert merge.theirs == {"company", "stage"}
    assert (merge.merged.first_name, merge.merged.company, merge.merged.stage) == (
        "Anna",
        "New",
        "contacted",
    )
    assert merge.both == frozenset()


def test_a_field_both_changed_is_named_and_mine_is_saved() -> None:
    mine = replace(BASE, company="Mine")
    theirs = replace(BASE, company="Theirs")
    merge = merge_edit(BASE, mine, theirs)
    assert merge.both == {"company"}
    assert merge.merged.company == "Mine"
