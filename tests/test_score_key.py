"""``RuleSet.value_key``: facts that differ only where the key does not look score alike
(an import scores each distinct key once)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.record_fields import replace
from leadtui.domain.scoring import RuleSet, ScoreFacts
from leadtui.domain.scoring_rules import DEFAULT_RULES

NOW = datetime(2026, 3, 16, 10, tzinfo=UTC)
RULES = RuleSet(DEFAULT_RULES)
WORDS = st.sampled_from(["", "Director", "sales manager", "CEO", "webinar q3", "intern"])
TIMES = st.none() | st.integers(0, 400).map(lambda days: NOW - timedelta(days=days))


@given(
    source=st.sampled_from(["event", "ads", "import", "referral", "manual"]),
    campaign=WORDS,
    title=WORDS,
    company=st.sampled_from(["", "  ", "Acme"]),
    domain=st.sampled_from(["gmail.com", "acme.com", "Hotmail.com"]),
    user=st.text(min_size=1, max_size=5),
    phone=st.none() | st.from_regex(r"\+[1-9][0-9]{6,12}", fullmatch=True),
    touches=st.dictionaries(
        st.sampled_from(["call", "note", "email", "system"]), st.integers(1, 4)
    ),
    last=TIMES,
    created=TIMES,
    other=st.tuples(st.text(max_size=4), st.text(alphabet="0123456789", max_size=4), TIMES),
)
def test_equal_keys_score_alike(
    source: str,
    campaign: str,
    title: str,
    company: str,
    domain: str,
    user: str,
    phone: str | None,
    touches: dict[str, int],
    last: datetime | None,
    created: datetime | None,
    other: tuple[str, str, datetime | None],
) -> None:
    facts = ScoreFacts(
        source, campaign, title, company, f"{user}@{domain}", phone, created, touches, last
    )
    user2, digits, created2 = other
    twin = ScoreFacts(
        source,
        campaign,
        title,
        company + "x" if company.strip() else company,
        f"{user2 or 'b'}@{domain}",
        phone[:4] + digits if phone else phone,
        created if last is None else created2,
        dict(touches),
        last,
    )
    assert RULES.value_key(facts) == RULES.value_key(twin)
    assert RULES.value(facts, NOW) == RULES.value(twin, NOW)


CHOICES: dict[str, list[object]] = {
    "source": ["event", "ads"],
    "campaign": ["", "webinar"],
    "job_title": ["", "Director"],
    "company": ["", "Acme", "Beta"],
    "email": [None, "a@gmail.com", "b@gmail.com", "a@acme.com"],
    "phone_e164": [None, "+34600111222", "+34600999888", "+1555123"],
    "created_at": [None, NOW, NOW - timedelta(days=60)],
    "touches": [{}, {"call": 1}, {"call": 2}],
    "last_touch_at": [None, NOW - timedelta(days=1), NOW - timedelta(days=90)],
}
FACTS = st.builds(ScoreFacts, **{name: st.sampled_from(v) for name, v in CHOICES.items()})


@given(FACTS, st.sampled_from(sorted(CHOICES)), st.data())
def test_facts_that_share_a_key_share_a_score(
    one: ScoreFacts, name: str, data: st.DataObject
) -> None:
    """One field changed: the key tells whether the score may change."""
    changed: dict[str, Any] = {name: data.draw(st.sampled_from(CHOICES[name]))}
    two = replace(one, **changed)
    if RULES.value_key(one) == RULES.value_key(two):
        assert RULES.value(one, NOW) == RULES.value(two, NOW)
