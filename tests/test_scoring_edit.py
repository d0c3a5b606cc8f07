"""Writing edited weights back into a rules text: only the numbers change (comments, order
and spacing stay), a weight the file leaves out is added under its table, and the new text
always parses to exactly the weights asked for (property test over the default file)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.scoring_defaults import DEFAULT_RULES_TOML
from leadtui.domain.scoring_edit import edited_text, weights_of
from leadtui.domain.scoring_rules import DEFAULT_RULES, RulesError, parse_rules

WEIGHTS = weights_of(DEFAULT_RULES)


def test_every_number_of_the_rules_is_listed_once() -> None:
    names = [weight.name for weight in WEIGHTS]
    assert len(names) == len(set(names))
    assert names[0] == "qualified.threshold" and names[-2:] == ["caps.min", "caps.max"]
    assert {"fit.source.event", "fit.country.ES", "behaviour.call", "decay.points_per_week"} <= set(
        names
    )


def test_only_the_number_changes_and_the_comment_keeps_its_column() -> None:
    new = edited_text(DEFAULT_RULES_TOML, DEFAULT_RULES, {"qualified.threshold": 7})
    old_lines, new_lines = DEFAULT_RULES_TOML.splitlines(), new.splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [
        (
            "threshold = 60          # at or above this a lead is qualified (MQL)",
            "threshold = 7           # at or above this a lead is qualified (MQL)",
        )
    ]


def test_a_weight_the_file_leaves_out_is_added_under_its_table() -> None:
    text = '[fit.email_domain]\n"acme.com" = 4\n\n[fit]\ncompany_given = 1\n'
    new = edited_text(
        text,
        parse_rules(text),
        {"fit.email_domain.acme.com": 9, "fit.free_mail": -3, "caps.max": 90},
    )
    assert new == (
        '[fit.email_domain]\n"acme.com" = 9\n\n[fit]\ncompany_given = 1\nfree_mail = -3\n'
        "\n[caps]\nmax = 90\n"
    )


def test_refused_rules_and_unusual_layouts_raise() -> None:
    with pytest.raises(RulesError, match="caps.min is above caps.max"):
        edited_text(DEFAULT_RULES_TOML, DEFAULT_RULES, {"caps.min": 90, "caps.max": 80})
    dotted = "[fit]\nsource.event = 5\n"
    with pytest.raises(RulesError, match=r"\$EDITOR"):
        edited_text(dotted, parse_rules(dotted), {"fit.source.event": 6})


@given(
    st.dictionaries(
        st.sampled_from(WEIGHTS).map(lambda weight: weight.name),
        st.integers(0, 100),
        max_size=8,
    )
)
def test_the_new_text_gives_exactly_the_weights_asked_for(changes: dict[str, int]) -> None:
    if changes.get("caps.min", 0) > changes.get("caps.max", 100):
        return
    new = edited_text(DEFAULT_RULES_TOML, DEFAULT_RULES, changes)
    got = {weight.name: weight.value for weight in weights_of(parse_rules(new))}
    assert got == {w.name: changes.get(w.name, w.value) for w in WEIGHTS}
    comments = [line for line in DEFAULT_RULES_TOML.splitlines() if line.startswith("#")]
    assert [line for line in new.splitlines() if line.startswith("#")] == comments
    assert len(new.splitlines()) == len(DEFAULT_RULES_TOML.splitlines())
