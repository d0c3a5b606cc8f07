"""Stage totals from ``(stage, currency, count, cents)`` rows (both backends' SQL)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import StageInfo, StageTotal


def stage_totals_of(stages: list[StageInfo], rows: Iterable[tuple[Any, ...]]) -> list[StageTotal]:
    """One :class:`StageTotal` per stage in funnel order: its count, its sums per currency."""
    counts: dict[str, int] = {}
    money: dict[str, list[tuple[str, int]]] = {}
    for stage, currency, count, cents in rows:
        counts[stage] = counts.get(stage, 0) + int(count)
        money.setdefault(stage, []).append((str(currency), int(cents)))
    return [
        StageTotal(info, counts.get(info.key, 0), MoneyTotals.of(money.get(info.key, ())))
        for info in stages
    ]
