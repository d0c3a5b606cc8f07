"""Funnel metrics: a hand computation on fixed data, and an independent check on the sample."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from conftest import DEMO_NOW
from pg_fixtures import both_backends

from leadtui.domain.funnel import format_days, format_rate, week_start
from leadtui.store import LeadStore
from leadtui.store.demo import SAMPLE_FILE

pytestmark = both_backends


def at(day: int, hour: int = 0, month: int = 3, year: int = 2026) -> datetime:
    """A fixed moment in UTC."""
    return datetime(year, month, day, hour, tzinfo=UTC)


def lead(
    name: str, value: int, history: list[tuple[str | None, str, datetime]], **extra: Any
) -> dict[str, Any]:
    """A bulk-insert row whose stage is the last step of ``history``."""
    return {
        "first_name": name,
        "stage": history[-1][1],
        "value_cents": value,
        "created_at": history[0][2],
        "history": [(src, dst, moment, "") for src, dst, moment in history],
        **extra,
    }


FIXED_LEADS = [
    lead(
        "A",
        1000,
        [(None, "new", at(1)), ("new", "contacted", at(3)), ("contacted", "qualified", at(7))],
    ),
    lead(
        "B",
        2000,
        [(None, "new", at(2)), ("new", "contacted", at(3, 12)), ("contacted", "lost", at(5, 12))],
    ),
    lead("C", 5000, [(None, "new", at(2)), ("new", "won", at(12))]),
    lead("D", 300, [(None, "new", at(9))]),
    lead(
        "E",
        7000,
        [
            (None, "new", at(10)),
            ("new", "contacted", at(11)),
            ("contacted", "qualified", at(12)),
            ("qualified", "proposal", at(14)),
            ("proposal", "won", at(15)),
        ],
    ),
    lead("H", 0, [(None, "new", at(4)), ("new", "contacted", at(4, 6))]),
    lead(
        "G",
        100,
        [(None, "new", at(1, month=12, year=2025)), ("new", "lost", at(8, month=12, year=2025))],
    ),
    # Deleted leads count nowhere.
    lead("F", 999, [(None, "new", at(1)), ("new", "won", at(2))], deleted_at=at(3)),
]


class TestHandComputed:
    """Every number below was worked out by hand from FIXED_LEADS (now = Mon 2026-03-16)."""

    def test_counts_values_conversion_and_medians(self, store: LeadStore) -> None:
        store.imports.bulk_insert_leads(FIXED_LEADS)
        metrics = store.reads.funnel_metrics()
        by_key = {stage.key: stage for stage in metrics.stages}
        assert [s.key for s in metrics.stages] == [
            "new",
            "contacted",
            "qualified",
            "proposal",
            "won",
            "lost",
        ]
        assert {k: s.count for k, s in by_key.items()} == {
            "new": 1,
            "contacted": 1,
            "qualified": 1,
            "proposal": 0,
            "won": 2,
            "lost": 2,
        }
        assert {k: s.values.cents("EUR") for k, s in by_key.items()} == {
            "new": 300,
            "contacted": 0,
            "qualified": 1000,
            "proposal": 0,
            "won": 12000,
            "lost": 2100,
        }
        # reached: new A B C D E H G; contacted A B E H; qualified A E; proposal E.
        assert {k: (s.reached, s.converted) for k, s in by_key.items()} == {
            "new": (7, 5),
            "contacted": (4, 2),
            "qualified": (2, 1),
            "proposal": (1, 1),
            "won": (2, 0),
            "lost": (2, 0),
        }
        assert by_key["new"].conversion == pytest.approx(5 / 7)
        assert by_key["contacted"].conversion == pytest.approx(0.5)
        assert by_key["qualified"].conversion == pytest.approx(0.5)
        assert by_key["proposal"].conversion == pytest.approx(1.0)
        assert by_key["won"].conversion is None
        # new spans 0.25 1 1.5 2 7 10 -> (1.5 + 2) / 2; contacted 1 2 4 -> 2.
        assert by_key["new"].median_days == pytest.approx(1.75)
        assert by_key["contacted"].median_days == pytest.approx(2.0)
        assert by_key["qualified"].median_days == pytest.approx(2.0)
        assert by_key["proposal"].median_days == pytest.approx(1.0)
        assert by_key["won"].median_days is None
        assert metrics.won == 2 and metrics.lost == 2
        assert metrics.win_rate == pytest.approx(0.5)

    def test_leads_per_week(self, store: LeadStore) -> None:
        store.imports.bulk_insert_leads(FIXED_LEADS)
        weeks = store.reads.funnel_metrics().weeks
        assert len(weeks) == 12
        assert weeks[0].start == date(2025, 12, 29)
        assert weeks[-1].start == date(2026, 3, 16)
        assert weeks[-1].label == "2026-W12"
        # A on Sun 1 Mar (week of 23 Feb); B, C, H in the week of 2 Mar; D, E the next one.
        assert [w.count for w in weeks] == [0] * 8 + [1, 3, 2, 0]

    def test_empty_database(self, store: LeadStore) -> None:
        metrics = store.reads.funnel_metrics()
        assert all(
            s.count == 0 and s.conversion is None and s.median_days is None for s in metrics.stages
        )
        assert metrics.win_rate is None
        assert [w.count for w in metrics.weeks] == [0] * 12


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_sample_data_matches_python(demo_store: LeadStore) -> None:
    """The SQL numbers equal the same definitions computed straight from leads.json."""
    data = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
    leads = data["leads"]
    position = {
        key: index
        for index, key in enumerate(["new", "contacted", "qualified", "proposal", "won", "lost"])
    }
    reached: Counter[str] = Counter()
    converted: Counter[str] = Counter()
    spans: dict[str, list[float]] = {}
    for item in leads:
        history = item["stage_history"]
        stages = {h["to"] for h in history}
        top = max((position[s] for s in stages if s != "lost"), default=-1)
        for stage in stages:
            reached[stage] += 1
            converted[stage] += top > position[stage]
        for step, following in zip(history, history[1:], strict=False):
            days = (_parse(following["at"]) - _parse(step["at"])).total_seconds() / 86400
            spans.setdefault(step["to"], []).append(days)
    metrics = demo_store.reads.funnel_metrics()
    for stage in metrics.stages:
        assert stage.count == sum(1 for item in leads if item["stage"] == stage.key)
        for code in ("EUR", "USD"):
            assert stage.values.cents(code) == sum(
                int(item.get("value_cents") or 0)
                for item in leads
                if item["stage"] == stage.key and (item.get("currency") or "EUR") == code
            )
        assert (stage.reached, stage.converted) == (reached[stage.key], converted[stage.key])
        expected = statistics.median(spans[stage.key]) if stage.key in spans else None
        assert stage.median_days == pytest.approx(expected, abs=1e-6)
    won = sum(1 for item in leads if item["stage"] == "won")
    lost = sum(1 for item in leads if item["stage"] == "lost")
    assert metrics.win_rate == pytest.approx(won / (won + lost))
    first = week_start(DEMO_NOW) - timedelta(weeks=11)
    per_week = Counter(
        int((_parse(item["created_at"]) - first).total_seconds() // (7 * 86400))
        for item in leads
        if _parse(item["created_at"]) >= first
    )
    assert [w.count for w in metrics.weeks] == [per_week[i] for i in range(12)]
    assert sum(w.count for w in metrics.weeks) > 0


def test_formatting() -> None:
    assert format_rate(None) == "–"
    assert format_rate(0.4286) == "42.9%"
    assert format_days(2.5) == "2.5 d"
    assert format_days(None) == "–"
