"""Consistency checks for the committed demo data set ``sample_data/leads.json``.

The file is what ``leadtui --demo`` and many tests load, so its rules are pinned
here: the shape of every lead, stage histories that follow the funnel, times that
are absolute UTC and in the past of ``demo_now``, unique e-mail addresses, and the
follow-ups (overdue, today, later) the inbox views are demonstrated with.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_PATH = ROOT / "sample_data" / "leads.json"
SCRIPT_PATH = ROOT / "sample_data" / "make_sample.py"

STAGES = ("new", "contacted", "qualified", "proposal", "won", "lost")
FUNNEL = ("new", "contacted", "qualified", "proposal", "won")
OPEN_STAGES = ("new", "contacted", "qualified", "proposal")
SOURCES = (
    "landing_page",
    "content_download",
    "newsletter",
    "event",
    "ads",
    "social",
    "referral",
    "import",
    "manual",
    "other",
)
FORM_SOURCES = ("landing_page", "content_download", "newsletter", "event")
ACTIVITY_KINDS = ("note", "call", "email", "meeting", "form")
LEAD_KEYS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "job_title",
    "website",
    "source",
    "campaign",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "consent",
    "consent_at",
    "stage",
    "value_cents",
    "currency",
    "score",
    "next_followup_at",
    "created_at",
    "tags",
    "stage_history",
    "activities",
]
STRING_KEYS = (
    "first_name",
    "last_name",
    "company",
    "job_title",
    "website",
    "campaign",
    "utm_source",
    "utm_medium",
    "utm_campaign",
)
TIMESTAMP_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
EMAIL_RE = re.compile(r"\A[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\Z")
EXPECTED_SHARE = {
    "new": 0.30,
    "contacted": 0.22,
    "qualified": 0.15,
    "proposal": 0.10,
    "won": 0.12,
    "lost": 0.11,
}

Lead = dict[str, Any]


@cache
def load() -> dict[str, Any]:
    """The parsed data set (read once)."""
    data: dict[str, Any] = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    return data


def ts(value: object) -> datetime:
    """Parse one timestamp, insisting on the ``YYYY-MM-DDTHH:MM:SSZ`` form."""
    assert isinstance(value, str), value
    assert TIMESTAMP_RE.match(value), f"not an absolute UTC timestamp: {value!r}"
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def name(lead: Lead) -> str:
    """A label for assertion messages."""
    return f"{lead['first_name']} {lead['last_name']} <{lead['email']}>"


@pytest.fixture(scope="module")
def now() -> datetime:
    return ts(load()["demo_now"])


@pytest.fixture(scope="module")
def leads() -> list[Lead]:
    result: list[Lead] = load()["leads"]
    return result


def test_top_level_shape(now: datetime, leads: list[Lead]) -> None:
    assert list(load()) == ["demo_now", "leads"]
    assert now == datetime(2026, 3, 16, 10, 0, 0, tzinfo=UTC)
    assert len(leads) >= 200


def test_every_lead_has_exactly_the_documented_fields(leads: list[Lead]) -> None:
    for lead in leads:
        assert list(lead) == LEAD_KEYS, name(lead)
        for key in STRING_KEYS:
            assert isinstance(lead[key], str), (name(lead), key)
        assert lead["email"] is None or isinstance(lead["email"], str)
        assert lead["phone"] is None or isinstance(lead["phone"], str)
        assert isinstance(lead["consent"], bool)
        assert type(lead["value_cents"]) is int
        assert lead["score"] is None or type(lead["score"]) is int


def test_all_stages_and_sources_are_present(leads: list[Lead]) -> None:
    stages = Counter(lead["stage"] for lead in leads)
    sources = Counter(lead["source"] for lead in leads)
    assert set(stages) == set(STAGES)
    assert set(sources) == set(SOURCES)


def test_stage_distribution_is_realistic(leads: list[Lead]) -> None:
    stages = Counter(lead["stage"] for lead in leads)
    for stage, share in EXPECTED_SHARE.items():
        assert abs(stages[stage] / len(leads) - share) < 0.05, (stage, stages[stage])


def test_timestamps_are_absolute_and_in_the_past(now: datetime, leads: list[Lead]) -> None:
    oldest = now - timedelta(days=180)
    created_today = 0
    for lead in leads:
        created = ts(lead["created_at"])
        assert oldest <= created <= now, name(lead)
        created_today += created.date() == now.date()
        for key in ("consent_at", "next_followup_at"):
            if lead[key] is not None:
                ts(lead[key])
        for entry in lead["stage_history"]:
            assert ts(entry["at"]) < now or entry is lead["stage_history"][0]
        for activity in lead["activities"]:
            assert created <= ts(activity["at"]) <= now, name(lead)
    assert created_today >= 2


def test_stage_history_follows_the_funnel(now: datetime, leads: list[Lead]) -> None:
    for lead in leads:
        history = lead["stage_history"]
        who = name(lead)
        assert history, who
        first = history[0]
        assert first == {"from": None, "to": "new", "at": lead["created_at"], "reason": ""}, who
        previous_at = ts(first["at"])
        for before, entry in zip(history, history[1:], strict=False):
            assert list(entry) == ["from", "to", "at", "reason"], who
            assert entry["from"] == before["to"], who
            assert entry["from"] in OPEN_STAGES, who
            if entry["to"] == "lost":
                assert entry["reason"].strip(), who
            else:
                assert entry["to"] in FUNNEL, who
                assert FUNNEL.index(entry["to"]) > FUNNEL.index(entry["from"]), who
                assert entry["reason"] == "", who
            at = ts(entry["at"])
            assert previous_at < at < now, who
            previous_at = at
        assert history[-1]["to"] == lead["stage"], who


def test_activities(leads: list[Lead]) -> None:
    for lead in leads:
        activities = lead["activities"]
        who = name(lead)
        assert 0 <= len(activities) <= 8, who
        times = [ts(a["at"]) for a in activities]
        assert times == sorted(times), who
        for activity in activities:
            assert list(activity) == ["kind", "at", "body"], who
            assert activity["kind"] in ACTIVITY_KINDS, who
            assert isinstance(activity["body"], str) and activity["body"].strip(), who
        if lead["source"] in FORM_SOURCES:
            forms = [a for a in activities if a["kind"] == "form"]
            assert forms and forms[0]["at"] == lead["created_at"], who
    assert any("\n" in a["body"] for lead in leads for a in lead["activities"])


def test_emails_unique_ascii_and_valid(leads: list[Lead]) -> None:
    emails = [lead["email"] for lead in leads if lead["email"] is not None]
    keys = Counter(email.casefold() for email in emails)
    assert [k for k, n in keys.items() if n > 1] == []
    for email in emails:
        assert email.isascii(), email
        assert EMAIL_RE.match(email), email
    without = [lead for lead in leads if lead["email"] is None]
    assert 0.02 <= len(without) / len(leads) <= 0.10
    for lead in without:
        assert lead["phone"], name(lead)


def test_phones_mix_spanish_and_foreign(leads: list[Lead]) -> None:
    phones = [lead["phone"] for lead in leads if lead["phone"]]
    digits = ["".join(c for c in p if c.isdigit()) for p in phones]
    assert any(d.startswith(("6", "346", "00346")) for d in digits)
    assert any(p.startswith("+44") for p in phones)
    assert any(p.startswith("+1") for p in phones)
    assert len({re.sub(r"\d", "9", p) for p in phones}) >= 5  # several human formats


def test_followups(now: datetime, leads: list[Lead]) -> None:
    overdue = today = later = 0
    for lead in leads:
        followup = lead["next_followup_at"]
        if lead["stage"] in ("won", "lost"):
            assert followup is None, name(lead)
            continue
        if followup is None:
            continue
        at = ts(followup)
        assert now - timedelta(days=11) <= at <= now + timedelta(days=22), name(lead)
        if at.date() == now.date():
            today += 1
        elif at < now:
            overdue += 1
        else:
            later += 1
    assert overdue >= 5
    assert today >= 3
    assert later >= 5
    open_without = sum(
        1 for lead in leads if lead["stage"] in OPEN_STAGES and lead["next_followup_at"] is None
    )
    assert open_without >= 1


def test_values_scores_and_currency(leads: list[Lead]) -> None:
    for lead in leads:
        who = name(lead)
        assert lead["value_cents"] >= 0, who
        if lead["stage"] in ("qualified", "proposal", "won"):
            assert 50_000 <= lead["value_cents"] <= 2_500_000, who
        assert lead["score"] is None or 0 <= lead["score"] <= 100, who
        assert lead["currency"] in ("EUR", "USD"), who
    currencies = Counter(lead["currency"] for lead in leads)
    assert currencies["EUR"] > currencies["USD"] > 0
    assert sum(1 for lead in leads if lead["stage"] == "new" and lead["value_cents"] == 0) >= 10


def test_consent(leads: list[Lead]) -> None:
    for lead in leads:
        if lead["consent"]:
            assert lead["consent_at"] == lead["created_at"], name(lead)
        else:
            assert lead["consent_at"] is None, name(lead)
    share = sum(lead["consent"] for lead in leads) / len(leads)
    assert 0.65 <= share <= 0.85


def test_tags(leads: list[Lead]) -> None:
    for lead in leads:
        tags = lead["tags"]
        assert len(tags) <= 3, name(lead)
        assert len(set(tags)) == len(tags), name(lead)
        assert all(isinstance(t, str) and t for t in tags), name(lead)
    assert len({t for lead in leads for t in lead["tags"]}) <= 20


def test_awkward_leads_are_present(leads: list[Lead]) -> None:
    full_names = [f"{lead['first_name']} {lead['last_name']}" for lead in leads]
    companies = [lead["company"] for lead in leads]
    assert any("Ñ" in n or "ñ" in n for n in full_names)
    assert any("ë" in n for n in full_names)
    assert any(len(n) >= 120 for n in full_names)
    assert any("[" in c and "]" in c for c in companies)
    assert any("'" in n for n in full_names)
    assert any("\u4e00" <= ch <= "\u9fff" for n in full_names for ch in n)
    assert any(ord(ch) >= 0x1F300 for c in companies for ch in c)
    bare = [
        lead
        for lead in leads
        if lead["email"]
        and not any(lead[key] for key in STRING_KEYS)
        and lead["phone"] is None
        and not lead["tags"]
        and not lead["activities"]
        and lead["score"] is None
        and lead["next_followup_at"] is None
    ]
    assert bare


def test_generator_rewrites_the_same_bytes() -> None:
    spec = importlib.util.spec_from_file_location("_leadtui_make_sample", SCRIPT_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while executing
    try:
        spec.loader.exec_module(module)
        text: str = module.render()
    finally:
        del sys.modules[spec.name]
    assert text == DATA_PATH.read_text(encoding="utf-8")
