"""A rule set scoring many leads (a recompute) remembers campaign, job-title and domain
parts; what it gives must not depend on the leads it scored before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.scoring import RuleSet, ScoreFacts
from leadtui.domain.scoring_rules import DEFAULT_RULES

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
WORDS = st.sampled_from(["", "Webinar otoño", "demo day", "Feria 2026", "CEO", "Head of Sales"])
EMAILS = st.sampled_from([None, "a@gmail.com", "b@acme.com", "c@GMAIL.com ", "no-at", "d@"])

facts = st.builds(
    ScoreFacts,
    source=st.sampled_from(["event", "referral", "manual", "ads"]),
    campaign=WORDS,
    job_title=WORDS,
    company=st.sampled_from(["", " ", "Acme"]),
    email=EMAILS,
    phone_e164=st.sampled_from([None, "+34600123456", "+15550100"]),
    created_at=st.just(NOW - timedelta(days=40)),
    touches=st.dictionaries(st.sampled_from(["call", "email", "meeting"]), st.integers(1, 9)),
    last_touch_at=st.one_of(st.none(), st.just(NOW - timedelta(days=3))),
)


@given(st.lists(facts, min_size=1, max_size=30))
def test_a_shared_rule_set_scores_like_a_fresh_one(leads: list[ScoreFacts]) -> None:
    shared = RuleSet(DEFAULT_RULES)
    for lead in leads:
        fresh = RuleSet(DEFAULT_RULES)
        assert shared.value(lead, NOW) == fresh.value(lead, NOW)
        assert shared.explain(lead, NOW) == fresh.explain(lead, NOW)
        total = sum(line.points for line in fresh.explain(lead, NOW).lines)
        assert shared.value(lead, NOW) == total
