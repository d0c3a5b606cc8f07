"""Rows of the by-source and by-month tables, and their bars, as plain strings (no Rich).

Shared by the metrics panel and ``leadtui stats``: both draw the same columns, one
``rich.text.Text`` per cell, so the numbers and their order come from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from leadtui.domain.formatting import format_count
from leadtui.domain.funnel import format_rate
from leadtui.domain.money import format_totals
from leadtui.domain.segment_metrics import GroupMetrics, SegmentMetrics
from leadtui.domain.sources import source_label
from leadtui.i18n import _

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, top: int, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` in ``width`` cells (eighths of a cell)."""
    if top <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def conversion_stages(segment: SegmentMetrics) -> list[tuple[str, str]]:
    """(key, shown name) of the stages a conversion column is shown for: all but first and lost."""
    return [(stage.key, stage.shown_name) for stage in segment.stages[1:] if stage.kind != "lost"]


def group_label(group: GroupMetrics, by: str) -> str:
    """A source's label (translated) or a month as ``2026-03``."""
    return _(source_label(group.key)) if by == "source" else group.key


def group_cells(group: GroupMetrics, segment: SegmentMetrics, by: str) -> list[str]:
    """One table row: label, leads, share that reached each later stage, win rate, won value."""
    return [
        group_label(group, by),
        format_count(group.leads),
        *(format_rate(group.conversion(key)) for key, _name in conversion_stages(segment)),
        format_rate(group.win_rate),
        format_totals(group.won_values),
    ]


def bar_rows(
    segment: SegmentMetrics, by: str, shown: Sequence[GroupMetrics], bar_width: int
) -> list[list[str]]:
    """:func:`group_cells` of each of ``shown`` with its bar of leads inserted third
    (scaled to the biggest group of the whole table)."""
    groups = segment.sources if by == "source" else segment.months
    top = max((group.leads for group in groups), default=0)
    rows = []
    for group in shown:
        cells = group_cells(group, segment, by)
        rows.append([*cells[:2], bar(group.leads, top, bar_width), *cells[2:]])
    return rows


def group_headers(segment: SegmentMetrics, by: str) -> list[str]:
    """The titles of :func:`group_cells`' columns."""
    return [
        _("Source") if by == "source" else _("Month created"),
        _("Leads"),
        *(name for _key, name in conversion_stages(segment)),
        _("Win rate"),
        _("Won value"),
    ]


def group_json(group: GroupMetrics, segment: SegmentMetrics) -> dict[str, object]:
    """One source or month as JSON: counts, conversion per stage, win rate, money per currency."""
    return {
        "key": group.key,
        "leads": group.leads,
        "reached": {stage.key: group.reached.get(stage.key, 0) for stage in segment.stages},
        "conversion": {stage.key: group.conversion(stage.key) for stage in segment.stages},
        "won": group.won,
        "lost": group.lost,
        "win_rate": group.win_rate,
        "won_values": group.won_values.as_dict(),
        "values": group.values.as_dict(),
    }
