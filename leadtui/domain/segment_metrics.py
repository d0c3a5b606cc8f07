"""Funnel, by-source and by-month numbers from summary rows (no I/O, no SQL).

A :class:`SummaryRow` counts live leads sharing a source, a creation month (UTC
``YYYY-MM``), a current stage, a currency and a reached set (the stages the lead
ever entered, ``,new,qualified,``). The kept summary tables and a segment's grouping
give the same rows, so one function turns either into what the panel and
``leadtui stats`` show. Definitions follow :mod:`leadtui.domain.funnel`; time in
stage is not in the rows (it needs the history, see ``--time-in-stage``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from leadtui.domain.funnel import WEEKS, FunnelMetrics, assemble_metrics
from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import StageInfo, StageTotal


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """Live leads sharing one summary key, and the sum of their values in ``currency``."""

    source: str
    month: str
    stage: str
    currency: str
    reached: str
    leads: int
    cents: int


@dataclass(frozen=True, slots=True)
class GroupMetrics:
    """The numbers of one source or one creation month."""

    key: str
    leads: int
    reached: dict[str, int] = field(default_factory=dict)
    """Per stage key: how many of these leads ever reached it."""
    won: int = 0
    lost: int = 0
    values: MoneyTotals = MoneyTotals()
    won_values: MoneyTotals = MoneyTotals()

    def conversion(self, stage_key: str) -> float | None:
        """Share of these leads that reached ``stage_key`` (``None`` without leads)."""
        return None if self.leads == 0 else self.reached.get(stage_key, 0) / self.leads

    @property
    def win_rate(self) -> float | None:
        """Won / (won + lost) among these leads, or ``None`` when none is closed."""
        closed = self.won + self.lost
        return None if closed == 0 else self.won / closed


@dataclass(frozen=True, slots=True)
class SegmentMetrics:
    """Everything the metrics panel and ``leadtui stats`` show for a set of leads."""

    funnel: FunnelMetrics
    sources: tuple[GroupMetrics, ...]
    months: tuple[GroupMetrics, ...]
    stages: tuple[StageInfo, ...]
    scope: str = ""
    """The filter text of the segment, empty for all leads."""


def merge_rows(rows: Iterable[SummaryRow]) -> list[SummaryRow]:
    """Rows with equal keys added together (a segment arrives in chunks)."""
    sums: dict[tuple[str, str, str, str, str], list[int]] = {}
    for row in rows:
        key = (row.source, row.month, row.stage, row.currency, row.reached)
        total = sums.setdefault(key, [0, 0])
        total[0] += row.leads
        total[1] += row.cents
    return [SummaryRow(*key, leads, cents) for key, (leads, cents) in sums.items() if leads]


def _mask(reached: str, index: dict[str, int]) -> int:
    mask = 0
    for key in reached.strip(",").split(","):
        if key in index:
            mask |= 1 << index[key]
    return mask


@dataclass(slots=True)
class _Group:
    leads: int = 0
    reached: dict[str, int] = field(default_factory=dict)
    closed: dict[str, int] = field(default_factory=dict)
    money: list[tuple[str, int]] = field(default_factory=list)
    won_money: list[tuple[str, int]] = field(default_factory=list)


def _groups(
    rows: Sequence[SummaryRow], stages: Sequence[StageInfo], key_of: str
) -> tuple[GroupMetrics, ...]:
    kinds = {stage.key: stage.kind for stage in stages}
    acc: dict[str, _Group] = {}
    for row in rows:
        group = acc.setdefault(str(getattr(row, key_of)), _Group())
        group.leads += row.leads
        for stage in row.reached.strip(",").split(","):
            if stage in kinds:
                group.reached[stage] = group.reached.get(stage, 0) + row.leads
        group.money.append((row.currency, row.cents))
        kind = kinds.get(row.stage, "")
        group.closed[kind] = group.closed.get(kind, 0) + row.leads
        if kind == "won":
            group.won_money.append((row.currency, row.cents))
    return tuple(
        GroupMetrics(
            key=key,
            leads=g.leads,
            reached=g.reached,
            won=g.closed.get("won", 0),
            lost=g.closed.get("lost", 0),
            values=MoneyTotals.of(g.money),
            won_values=MoneyTotals.of(g.won_money),
        )
        for key, g in acc.items()
    )


def segment_metrics(
    stages: Sequence[StageInfo],
    rows: Iterable[SummaryRow],
    per_week: dict[int, int],
    now: datetime,
    scope: str = "",
    weeks: int = WEEKS,
) -> SegmentMetrics:
    """The funnel (without time in stage), per source (most leads first), per month (oldest
    first) from summary rows; ``per_week`` is leads created per week index (0 = oldest)."""
    merged = merge_rows(rows)
    index = {stage.key: number for number, stage in enumerate(stages)}
    counts: dict[str, int] = {}
    money: dict[str, list[tuple[str, int]]] = {}
    masks: dict[int, int] = {}
    for row in merged:
        counts[row.stage] = counts.get(row.stage, 0) + row.leads
        money.setdefault(row.stage, []).append((row.currency, row.cents))
        mask = _mask(row.reached, index)
        masks[mask] = masks.get(mask, 0) + row.leads
    totals = [
        StageTotal(info, counts.get(info.key, 0), MoneyTotals.of(money.get(info.key, ())))
        for info in stages
    ]
    imported = sum(row.leads for row in merged if row.reached.startswith(",*,"))
    funnel = assemble_metrics(
        totals, masks, [[] for _ in stages], per_week, now, weeks, imported_history=imported
    )
    sources = sorted(_groups(merged, stages, "source"), key=lambda g: (-g.leads, g.key))
    months = sorted(_groups(merged, stages, "month"), key=lambda g: g.key)
    return SegmentMetrics(funnel, tuple(sources), tuple(months), tuple(stages), scope)
