"""Funnel metrics: what the board's panel and ``leadtui stats`` show (no Textual here).

Definitions (soft-deleted leads are left out everywhere, as on the board):

- **count / value**: live leads currently in the stage and the sums of their
  ``value_cents`` per currency (never added across currencies, never converted).
- **conversion rate** from an open stage S to the next: of the leads that ever
  reached S (a StageChange into S), the share that ever reached a later open
  stage or Won ("later" = higher stage position; Lost and nurturing stages do not
  count). Won, Lost and nurturing stages have no conversion rate; a lead parked in
  a nurturing stage is neither converted nor lost (the win rate leaves it out).
  ``None`` when no lead ever reached S.
- **median time in stage**: for every StageChange into S that is followed by
  another change of the same lead (the lead left S), the time from entering S
  to that next change; the median of those durations, in days. ``None`` when
  no lead has left S yet.
- **win rate**: leads now in Won / (leads now in Won + leads now in Lost);
  ``None`` when both are empty.
- **leads created per week**: counts per ISO week (Monday 00:00 UTC) for the
  12 weeks up to and including the current one, oldest first.

The numbers are computed in SQL by :mod:`leadtui.storage.sqlite.funnel_reads` so they scale
to a million leads; this module holds the shapes and the week arithmetic.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from leadtui.domain.money import MoneyTotals
from leadtui.domain.span_median import new_spans, span_median
from leadtui.domain.stage_names import shown_stage_name
from leadtui.i18n import _, formatting_locale

if TYPE_CHECKING:
    from leadtui.domain.rows import StageInfo, StageTotal

WEEKS = 12
"""How many ISO weeks the leads-per-week series covers."""


@dataclass(frozen=True, slots=True)
class StageMetrics:
    """The funnel numbers of one stage."""

    key: str
    name: str
    kind: str
    count: int
    values: MoneyTotals
    reached: int
    converted: int
    median_days: float | None

    @property
    def shown_name(self) -> str:
        """The name as shown (see ``domain.stage_names``): built-in names translated."""
        return shown_stage_name(self.key, self.name)

    @property
    def conversion(self) -> float | None:
        """Share of the leads that reached this stage and went further (open stages only)."""
        if self.kind != "open" or self.reached == 0:
            return None
        return self.converted / self.reached


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Leads created in one ISO week."""

    start: date
    count: int

    @property
    def label(self) -> str:
        """The ISO week as ``2026-W11``."""
        year, week, _day = self.start.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class FunnelMetrics:
    """Every funnel number at once."""

    stages: tuple[StageMetrics, ...]
    won: int
    lost: int
    weeks: tuple[WeekCount, ...]
    imported_history: int = 0
    """Live leads whose history holds stages an import recorded (reached before import)."""

    @property
    def values(self) -> MoneyTotals:
        """What every live lead is worth, per currency."""
        total = MoneyTotals()
        for stage in self.stages:
            total += stage.values
        return total

    @property
    def win_rate(self) -> float | None:
        """Won / (won + lost), or ``None`` when nothing is closed yet."""
        closed = self.won + self.lost
        return None if closed == 0 else self.won / closed


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 UTC of the ISO week holding ``moment``."""
    utc = moment.astimezone(UTC)
    monday = utc.date() - timedelta(days=utc.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC)


def first_week_start(now: datetime, weeks: int = WEEKS) -> datetime:
    """Start of the oldest week of the series that ends with the week of ``now``."""
    return week_start(now) - timedelta(weeks=weeks - 1)


def week_series(now: datetime, counts: dict[int, int], weeks: int = WEEKS) -> tuple[WeekCount, ...]:
    """Fill a ``{week index: count}`` map (0 = oldest week) into ``weeks`` entries."""
    first = first_week_start(now, weeks)
    return tuple(
        WeekCount((first + timedelta(weeks=index)).date(), counts.get(index, 0))
        for index in range(weeks)
    )


def format_rate(rate: float | None) -> str:
    """A rate as ``42.9%``, or an en dash when there is none."""
    if rate is None:
        return "–"
    locale = formatting_locale()
    if locale is not None:
        from leadtui.domain import l10n

        return l10n.percent(rate, locale)
    return f"{rate * 100:.1f}%"


def imported_history_text(count: int) -> str:
    """ "All leads; 12 with imported history": stages an import recorded count as reached."""
    from leadtui.domain.formatting import format_count

    return _("All leads; {count} with imported history").format(count=format_count(count))


def format_days(days: float | None) -> str:
    """A duration in days as ``3.5 d``, or an en dash."""
    if days is None:
        return "–"
    locale = formatting_locale()
    if locale is not None:
        from leadtui.domain import l10n

        return _("{days} d").format(days=l10n.number(days, locale, decimals=1))
    return _("{days:.1f} d").format(days=days)


def reached_and_converted(
    stages: list[StageInfo], masks: dict[int, int]
) -> dict[str, tuple[int, int]]:
    """Per stage: leads that ever reached it, and how many of those got further (open or won)."""
    counts = [[0, 0] for _ in stages]
    for mask, leads in masks.items():
        reached = [index for index in range(len(stages)) if mask >> index & 1]
        top = max((i for i in reached if stages[i].kind in ("open", "won")), default=-1)
        for index in reached:
            counts[index][0] += leads
            if top > index:
                counts[index][1] += leads
    return {stage.key: (counts[i][0], counts[i][1]) for i, stage in enumerate(stages)}


_DAY = 86400.0
_YIELD_EVERY = 0x1FFF


def fold_history(
    rows: Iterable[tuple[int, int, int, Any]], stage_count: int
) -> tuple[dict[int, int], Sequence[Sequence[int]], int]:
    """One pass over stage changes ordered by lead then time, as (lead id, seconds, stage
    index, imported).

    Returns how many leads reached each set of stages (a bit mask of stage indexes;
    index -1 is a stage no longer in the pipeline), per stage the completed spans in
    seconds, and how many leads have imported history. An imported change (a stage an
    import says the lead reached before it came in) counts as reached but has no time:
    it neither starts nor ends a span. Both backends feed it their own ordered rows.
    """
    spans = [new_spans() for _ in range(stage_count)]
    masks: dict[int, int] = {}
    imported_leads = 0
    previous_lead: int | None = None
    previous_at = 0
    previous_stage = -1
    mask = 0
    had_imported = False
    for number, (lead_id, at, stage, imported) in enumerate(rows):
        if not number & _YIELD_EVERY:
            time.sleep(0)  # hand the GIL to the UI thread when run in a worker
        if lead_id != previous_lead:
            if previous_lead is not None:
                masks[mask] = masks.get(mask, 0) + 1
                imported_leads += had_imported
            mask, had_imported, previous_stage = 0, False, -1
            previous_lead = lead_id
        if stage >= 0:
            mask |= 1 << stage
        if imported:
            had_imported = True
            continue
        if previous_stage >= 0:
            spans[previous_stage].append(at - previous_at)
        previous_at, previous_stage = at, stage
    if previous_lead is not None:
        masks[mask] = masks.get(mask, 0) + 1
        imported_leads += had_imported
    return masks, spans, imported_leads


def assemble_metrics(
    totals: Sequence[StageTotal],
    masks: dict[int, int],
    spans: Sequence[Sequence[int]],
    per_week: dict[int, int],
    now: datetime,
    weeks: int = WEEKS,
    imported_history: int = 0,
) -> FunnelMetrics:
    """The funnel numbers from the stage totals, the history pass and leads per week."""
    stage_list = [total.stage for total in totals]
    reached = reached_and_converted(stage_list, masks)
    medians = {
        stage.key: span_median(spans[index]) / _DAY
        for index, stage in enumerate(stage_list)
        if spans[index]
    }
    stages = tuple(
        StageMetrics(
            key=total.stage.key,
            name=total.stage.name,
            kind=total.stage.kind,
            count=total.count,
            values=total.values,
            reached=reached.get(total.stage.key, (0, 0))[0],
            converted=reached.get(total.stage.key, (0, 0))[1],
            median_days=medians.get(total.stage.key),
        )
        for total in totals
    )
    return FunnelMetrics(
        stages=stages,
        won=sum(s.count for s in stages if s.kind == "won"),
        lost=sum(s.count for s in stages if s.kind == "lost"),
        weeks=week_series(now, per_week, weeks),
        imported_history=imported_history,
    )
