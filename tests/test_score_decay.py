"""Decay without writes: the daily pass rescores the leads whose decay or recency changed,
on both backends, with the injected clock, and leaves every score as a full recompute would."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from conftest import DEMO_NOW
from pg_fixtures import both_backends

from leadtui.domain.rows import LeadInput
from leadtui.domain.score_decay import changed_ranges, decay_offsets
from leadtui.domain.scoring_rules import DEFAULT_RULES, ScoringRules
from leadtui.store import LeadStore


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _stale(store: LeadStore, ids: list[int]) -> list[int]:
    """Leads whose stored score is not what the rules give now (pinned ones excepted)."""
    stale = []
    for lead_id in ids:
        report = store.scoring.explain(lead_id)
        if not report.pinned and report.score != report.computed.value:
            stale.append(lead_id)
    return stale


@pytest.fixture
def aging(store: LeadStore) -> tuple[LeadStore, Clock, list[int]]:
    """40 leads created and touched over the last 30 weeks, scored as of DEMO_NOW."""
    clock = Clock(DEMO_NOW - timedelta(weeks=30))
    moving = LeadStore(store.backend, clock=clock)
    rng = random.Random(3)
    ids = []
    for i in range(40):
        clock.now = DEMO_NOW - timedelta(weeks=30) + timedelta(hours=rng.randrange(30 * 7 * 24))
        lead = moving.leads.add_lead(LeadInput(first_name=f"L{i}", source="event", company="Acme"))
        assert lead.id is not None
        ids.append(lead.id)
        if i % 3:
            at = clock.now + timedelta(hours=rng.randrange(1, 24 * 40))
            kind = rng.choice(("call", "email", "meeting", "followup"))
            clock.now = min(at, DEMO_NOW)
            moving.touches.add_activity(lead.id, kind, "touch", at=clock.now)
    clock.now = DEMO_NOW
    moving.scoring.recompute()  # every score current now: the pass starts here
    return moving, clock, ids


pytestmark = both_backends


def _recorder(marks: list[tuple[int, int]]) -> Callable[[int, int], None]:
    """A progress callback that keeps each (done, total)."""

    def record(done: int, total: int) -> None:
        marks.append((done, total))

    return record


def test_the_daily_pass_leaves_what_a_recompute_would(
    aging: tuple[LeadStore, Clock, list[int]],
) -> None:
    store, clock, ids = aging
    assert _stale(store, ids) == []
    changed_any = False
    for days in (1, 2, 5, 9, 16, 40, 41, 120, 300):
        clock.now = DEMO_NOW + timedelta(days=days)
        stale = _stale(store, ids)
        marks: list[tuple[int, int]] = []
        changed = store.scoring.rescore_decayed(_recorder(marks))
        assert changed == len(stale), days
        assert _stale(store, ids) == []
        changed_any = changed_any or bool(changed)
        if marks:
            assert marks[-1][0] == marks[-1][1]
        if days <= 2:  # a day's pass reads the leads of 31 one-day ranges, not all
            assert sum(total for _done, total in marks[-1:]) < len(ids) // 2
    assert changed_any


def test_not_twice_a_day_unless_forced(aging: tuple[LeadStore, Clock, list[int]]) -> None:
    store, clock, ids = aging
    clock.now = DEMO_NOW + timedelta(hours=23)
    assert store.scoring.rescore_decayed() is None
    clock.now = DEMO_NOW + timedelta(days=7, hours=1)
    assert store.scoring.rescore_decayed(force=True) is not None
    assert _stale(store, ids) == []
    clock.now += timedelta(hours=2)
    assert store.scoring.rescore_decayed() is None
    clock.now = DEMO_NOW - timedelta(days=3)  # a clock set back: nothing to do
    assert store.scoring.rescore_decayed() is None


def test_pinned_scores_stay(aging: tuple[LeadStore, Clock, list[int]]) -> None:
    store, clock, ids = aging
    store.scoring.pin(ids[0], 77)
    clock.now = DEMO_NOW + timedelta(weeks=20)
    store.scoring.rescore_decayed()
    report = store.scoring.explain(ids[0])
    assert report.score == 77 and report.pinned


def test_without_a_mark_the_first_pass_is_a_full_recompute(store: LeadStore) -> None:
    clock = Clock(DEMO_NOW - timedelta(weeks=10))
    moving = LeadStore(store.backend, clock=clock)
    lead = moving.leads.add_lead(LeadInput(first_name="Old", source="event"))
    assert lead.id is not None
    clock.now = DEMO_NOW
    assert _stale(moving, [lead.id]) == [lead.id]  # ten weeks of decay never written
    assert moving.scoring.rescore_decayed() == 1
    assert _stale(moving, [lead.id]) == []
    assert moving.scoring.rescore_decayed() is None  # the recompute left the mark


def test_the_ranges_cover_each_week_and_the_end_of_recency() -> None:
    rules = DEFAULT_RULES
    weeks = rules.decay_max // rules.decay_per_week
    assert len(decay_offsets(rules)) == weeks + 1  # every week up to the cap, and recency
    mark = DEMO_NOW
    one_day = changed_ranges(rules, mark, mark + timedelta(days=1))
    assert (mark - timedelta(weeks=1), mark + timedelta(days=1) - timedelta(weeks=1)) in one_day
    assert (mark - timedelta(days=14), mark + timedelta(days=1) - timedelta(days=14)) in one_day
    # Gaps of a week or more join into one range: from the cap back to a week ago.
    long = changed_ranges(rules, mark, mark + timedelta(days=8))
    assert long == [(mark - timedelta(weeks=weeks), mark + timedelta(days=8) - timedelta(weeks=1))]
    assert changed_ranges(rules, mark, mark) == []
    assert decay_offsets(ScoringRules()) == []
    uncapped = decay_offsets(ScoringRules(decay_per_week=2))
    assert len(uncapped) == 520


async def test_the_app_rescores_what_time_moved_at_start(
    aging: tuple[LeadStore, Clock, list[int]],
) -> None:
    from waiting import settle, wait_until

    from leadtui.launch import make_app

    store, clock, ids = aging
    clock.now = DEMO_NOW + timedelta(days=12)
    stale = _stale(store, ids)
    assert stale
    plain = make_app(store)
    assert not plain.rescore_daily  # only the launcher's app does it (tests' apps do not)
    app = make_app(store)
    app.rescore_daily = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: not _stale(store, ids), "the daily rescore")
        await settle(pilot)
        toasts = [str(note.message) for note in app._notifications]
        expected = f"{len(stale)} scores changed with the time since the last touch."
        assert expected in toasts
        assert not app.screen.query("#decay-progress")  # the progress line is gone
    assert store.scoring.rescore_decayed() is None  # done for the day


async def test_the_progress_line_shows_while_leads_remain(store: LeadStore) -> None:
    from textual.widgets import Static
    from waiting import settle

    from leadtui.launch import make_app
    from leadtui.ui import decay_pass

    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        decay_pass._show(app, 2000, 5000)
        await settle(pilot)
        line = app.screen.query_one(f"#{decay_pass.LINE_ID}", Static)
        assert "2,000/5,000" in str(line.render())
        decay_pass._show(app, 4000, 5000)
        await settle(pilot)
        assert "4,000/5,000" in str(line.render())
        decay_pass._finish(app, 0, lambda: None)
        await settle(pilot)
        assert not app.screen.query(f"#{decay_pass.LINE_ID}")
