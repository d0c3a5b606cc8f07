"""``leadtui stats``: the funnel, by source and by month, for all leads or a segment.

All leads come from the summary tables (instant at any size); a segment groups its
own leads, with a progress line on stderr. Time in stage reads the whole history,
so it is shown only with ``--time-in-stage``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leadtui.cli.funnel_table import funnel_json, print_funnel
from leadtui.domain.metrics_bars import bar_rows, group_headers, group_json
from leadtui.domain.record_fields import replace
from leadtui.domain.sanitize import sanitize
from leadtui.domain.segment_metrics import SegmentMetrics
from leadtui.i18n import _

BAR_WIDTH = 6


def group_table(segment: SegmentMetrics, by: str) -> Table:
    """The by-source (``by="source"``) or by-month table, a bar of leads in each row."""
    title = _("By source") if by == "source" else _("By month of creation")
    table = Table(
        title=title, header_style="bold", box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True
    )
    headers = group_headers(segment, by)
    table.add_column(headers[0], max_width=14, no_wrap=True, overflow="ellipsis")
    table.add_column(headers[1], justify="right")
    table.add_column("", width=BAR_WIDTH, no_wrap=True)
    for header in headers[2:]:
        table.add_column(header, justify="right")
    groups = segment.sources if by == "source" else segment.months
    for cells in bar_rows(segment, by, groups, BAR_WIDTH):
        table.add_row(
            *(Text(cell, style="green" if i == 2 else "") for i, cell in enumerate(cells))
        )
    return table


def compute(store: Any, chosen: Any, *, quiet: bool) -> SegmentMetrics:
    """All leads from the summaries, or the segment ``chosen`` names (progress on stderr)."""
    if not chosen.narrows:
        return store.metrics.summary()  # type: ignore[no-any-return]

    def progress(done: int, total: int) -> bool:
        if not quiet and sys.stderr.isatty():
            line = _("Computing the segment's metrics… {done}/{total}").format(
                done=done, total=total
            )
            click.echo(f"\r{line}", nl=done == total, err=True)
        return True

    return store.metrics.segment(chosen.lead_filter, chosen.label, progress)  # type: ignore[no-any-return]


def print_stats(segment: SegmentMetrics, *, medians: bool, console: Console | None = None) -> None:
    """The funnel, then by source and by month."""
    console = console or Console()
    if segment.scope:
        console.print(Text(_("Segment: {label}").format(label=segment.scope), style="bold"))
    else:
        console.print(Text(_("All leads"), style="bold"))
    print_funnel(segment.funnel, console, medians=medians)
    if not medians:
        console.print(Text(_("Median time in stage: add --time-in-stage."), style="dim"))
    console.print(group_table(segment, "source"))
    console.print(group_table(segment, "month"))


def print_json(segment: SegmentMetrics) -> None:
    """Everything :func:`print_stats` shows, as one JSON object."""
    data = funnel_json(segment.funnel)
    data["segment"] = segment.scope or None
    data["by_source"] = [group_json(group, segment) for group in segment.sources]
    data["by_month"] = [group_json(group, segment) for group in segment.months]
    click.echo(json.dumps(sanitize(data), ensure_ascii=False))


def with_medians(store: Any, segment: SegmentMetrics) -> SegmentMetrics:
    """All leads' ``segment`` with each stage's median time in stage from the history pass."""
    full = store.reads.funnel_metrics()
    medians = {stage.key: stage.median_days for stage in full.stages}
    stages = tuple(replace(s, median_days=medians.get(s.key)) for s in segment.funnel.stages)
    return replace(segment, funnel=replace(segment.funnel, stages=stages))
