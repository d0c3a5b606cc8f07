"""Scoring rules (domain): each rule on its own, decay with an injected clock, caps, the
default file, and a bad TOML refused in one line naming the place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from leadtui.domain.scoring import RuleSet, ScoreFacts, ScoreLine, touch_summary
from leadtui.domain.scoring_rules import (
    DEFAULT_RULES,
    DEFAULT_RULES_TOML,
    RulesError,
    ScoringRules,
    parse_rules,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
FRESH = NOW - timedelta(days=1)


def lines(rules: ScoringRules, facts: ScoreFacts, now: datetime = NOW) -> list[str]:
    return [str(line) for line in RuleSet(rules).explain(facts, now).lines]


def only(**weights: object) -> ScoringRules:
    """Rules with nothing but ``weights`` (caps 0–100, no decay)."""
    return ScoringRules(**weights)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rules", "facts", "expected"),
    [
        (only(sources={"event": 15}), ScoreFacts(source="event"), ["+15 source: event"]),
        (only(sources={"event": 15}), ScoreFacts(source="ads"), []),
        (
            only(campaign_words={"webinar": 15}),
            ScoreFacts(campaign="Q1-Webinar 2026"),
            ["+15 campaign: webinar"],
        ),
        (
            only(title_words={"director": 10, "ceo": 20, "student": -10}),
            ScoreFacts(job_title="CEO & Sales Director"),
            ["+20 job title: ceo"],
        ),
        (only(company_given=5), ScoreFacts(company="Acme"), ["+5 company given"]),
        (only(company_given=5), ScoreFacts(company="  "), []),
        (
            only(email_domains={"acme.com": 10}),
            ScoreFacts(email="Ana@ACME.com"),
            ["+10 email domain: acme.com"],
        ),
        (
            only(free_mail=-10, free_mail_domains=frozenset({"gmail.com"})),
            ScoreFacts(email="ana@gmail.com"),
            ["−10 free-mail address: gmail.com", "+10 kept within 0–100"],
        ),
        (only(countries={"ES": 5}), ScoreFacts(phone_e164="+34600111222"), ["+5 country: ES"]),
        (only(countries={"ES": 5}), ScoreFacts(phone_e164="+33612345678"), []),
        (only(countries={"US": 7}), ScoreFacts(phone_e164="+12025550123"), ["+7 country: US"]),
        (
            only(touches={"call": 5, "meeting": 10}, max_per_kind=12),
            ScoreFacts(touches={"call": 3, "meeting": 1}),
            ["+12 calls: 3", "+10 meetings: 1"],
        ),
        (
            only(touches={"form": 8, "reply": 8, "email": 3}),
            ScoreFacts(touches={"form": 1, "reply": 2, "email": 1}),
            ["+8 form fills: 1", "+16 replies: 2", "+3 emails: 1"],
        ),
        (
            only(recent_days=14, recent_points=10),
            ScoreFacts(last_touch_at=NOW - timedelta(days=13)),
            ["+10 touched in the last 14 days"],
        ),
        (
            only(recent_days=14, recent_points=10),
            ScoreFacts(last_touch_at=NOW - timedelta(days=15)),
            [],
        ),
    ],
)
def test_each_rule_gives_its_line(
    rules: ScoringRules, facts: ScoreFacts, expected: list[str]
) -> None:
    assert lines(rules, facts) == expected


def test_decay_counts_full_weeks_since_the_last_touch_with_the_injected_clock() -> None:
    rules = only(decay_per_week=1, sources={"referral": 50})
    facts = ScoreFacts(source="referral", last_touch_at=NOW - timedelta(days=20))
    ruleset = RuleSet(rules)
    assert ruleset.value(facts, NOW) == 48  # 2 full weeks
    assert ruleset.value(facts, NOW + timedelta(days=1)) == 47  # 21 days: 3 weeks
    assert lines(rules, facts, NOW + timedelta(days=22)) == [
        "+50 source: referral",
        "−6 no touch for 6 weeks",
    ]


def test_decay_starts_at_creation_when_never_touched_and_stops_at_its_maximum() -> None:
    rules = only(decay_per_week=2, decay_max=5, sources={"event": 30})
    facts = ScoreFacts(source="event", created_at=NOW - timedelta(weeks=10))
    assert lines(rules, facts) == ["+30 source: event", "−5 no touch for 10 weeks"]
    assert RuleSet(rules).value(ScoreFacts(source="event", created_at=NOW), NOW) == 30


def test_caps_keep_the_score_within_bounds_and_say_so() -> None:
    rules = only(sources={"referral": 80}, company_given=40, minimum=10, maximum=90)
    score = RuleSet(rules).explain(ScoreFacts(source="referral", company="Acme"), NOW)
    assert score.value == 90
    assert str(score.lines[-1]) == "−30 kept within 10–90"
    assert RuleSet(rules).value(ScoreFacts(), NOW) == 10


def test_threshold_marks_qualified() -> None:
    rules = only(sources={"event": 60}, threshold=60)
    assert RuleSet(rules).explain(ScoreFacts(source="event"), NOW).qualified
    assert not RuleSet(rules).explain(ScoreFacts(source="ads"), NOW).qualified


def test_value_equals_the_breakdown_total() -> None:
    facts = ScoreFacts(
        source="event",
        campaign="webinar",
        job_title="director",
        company="Acme",
        email="a@gmail.com",
        phone_e164="+34600111222",
        created_at=NOW - timedelta(weeks=9),
        touches={"call": 2},
        last_touch_at=NOW - timedelta(weeks=6, days=1),
    )
    ruleset = RuleSet(DEFAULT_RULES)
    score = ruleset.explain(facts, NOW)
    assert score.value == ruleset.value(facts, NOW) == sum(line.points for line in score.lines)
    assert "−6 no touch for 6 weeks" in [str(line) for line in score.lines]


def test_touch_summary_ignores_follow_up_entries_for_the_last_touch() -> None:
    counts, last = touch_summary(
        [("call", 2, NOW - timedelta(days=9)), ("followup", 1, NOW), ("system", 1, NOW)]
    )
    assert counts == {"call": 2, "followup": 1, "system": 1}
    assert last == NOW - timedelta(days=9)


def test_a_line_prints_with_its_sign() -> None:
    assert str(ScoreLine(15, "source: event")) == "+15 source: event"
    assert str(ScoreLine(-6, "x")) == "−6 x"


def test_the_default_file_parses_to_the_defaults_and_is_commented() -> None:
    assert parse_rules(DEFAULT_RULES_TOML) == DEFAULT_RULES
    assert DEFAULT_RULES_TOML.count("#") > 10
    assert DEFAULT_RULES.threshold == 60 and DEFAULT_RULES.maximum == 100


def test_an_empty_file_scores_nothing() -> None:
    rules = parse_rules("")
    assert RuleSet(rules).value(ScoreFacts(source="event", company="Acme"), NOW) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fit\n", "Not valid TOML"),
        ("[fun]\n", "Unknown section [fun]."),
        ("[fit]\nbonus = 3\n", "Unknown setting fit.bonus."),
        ('[fit.source]\nevent = "15"\n', "fit.source.event: a whole number is needed."),
        ("[fit.source]\nevent = 1.5\n", "fit.source.event: a whole number is needed."),
        ("[qualified]\nthreshold = 140\n", "qualified.threshold: 140 is out of range (0 to 100)."),
        ("[caps]\nmin = 60\nmax = 50\n", "caps.min is above caps.max."),
        ("[decay]\npoints_per_week = -1\n", "decay.points_per_week: -1 is out of range"),
        ('[fit]\nfree_mail_domains = "gmail.com"\n', "fit.free_mail_domains: a list"),
        ("fit = 3\n", "fit: a table ([fit]) is needed."),
        ("[behaviour]\ncall = true\n", "behaviour.call: a whole number is needed."),
    ],
)
def test_a_bad_file_is_refused_in_one_line(text: str, message: str) -> None:
    with pytest.raises(RulesError) as raised:
        parse_rules(text)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
