"""Which leads the passing of time rescored: the ranges of their "since" time.

A lead's score moves with time alone in two ways (:mod:`leadtui.domain.scoring`): it
loses ``decay_per_week`` points at each full week since its last touch (or since it was
created), up to ``decay_max``; and it loses ``recent_points`` once its last touch is
``recent_days`` old. So between two moments ``mark`` and ``now`` only leads whose since
time lies ``d`` before either end, for one of those offsets ``d``, can have changed:
those ranges are what the daily pass reads, instead of every lead.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from leadtui.domain.scoring_rules import ScoringRules

UNCAPPED_WEEKS = 520
"""Weeks looked back when decay has no ``max_points`` (after ten years a score is long 0)."""


def decay_offsets(rules: ScoringRules) -> list[timedelta]:
    """How long after a lead's since time its score changes with time alone."""
    offsets: list[timedelta] = []
    if rules.decay_per_week:
        weeks = (
            math.ceil(rules.decay_max / rules.decay_per_week) if rules.decay_max else UNCAPPED_WEEKS
        )
        offsets.extend(timedelta(weeks=week) for week in range(1, weeks + 1))
    if rules.recent_points and rules.recent_days:
        offsets.append(timedelta(days=rules.recent_days))
    return offsets


def changed_ranges(
    rules: ScoringRules, mark: datetime, now: datetime
) -> list[tuple[datetime, datetime]]:
    """The since times (inclusive ranges, merged, in order) whose score may differ at
    ``now`` from what it was at ``mark``; none when ``now`` is not after ``mark``."""
    if now <= mark:
        return []
    ranges = sorted((mark - offset, now - offset) for offset in decay_offsets(rules))
    merged: list[tuple[datetime, datetime]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged
