"""``leadtui stats``: the funnel as a Rich table and as JSON (no Textual here)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from leadtui.domain.formatting import format_count
from leadtui.domain.funnel import FunnelMetrics, format_days, format_rate
from leadtui.domain.money import format_totals
from leadtui.i18n import _, ngettext

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """A one-line bar chart of ``values`` (all bars lowest when every value is 0)."""
    top = max(values, default=0)
    if top == 0:
        return BARS[0] * len(values)
    return "".join(BARS[round(value / top * (len(BARS) - 1))] for value in values)


def print_funnel(
    metrics: FunnelMetrics, console: Console | None = None, *, medians: bool = True
) -> None:
    """Per stage: count, value, conversion to the next stage, median days in stage (when
    ``medians``: the summaries do not hold time in stage)."""
    console = console or Console()
    table = Table(title=_("Funnel"), header_style="bold")
    table.add_column(_("Stage"))
    table.add_column(_("Leads"), justify="right")
    table.add_column(_("Value"), justify="right")
    table.add_column(_("Reached"), justify="right")
    table.add_column(_("Conversion"), justify="right")
    if medians:
        table.add_column(_("Median in stage"), justify="right")
    for stage in metrics.stages:
        cells = [
            Text(stage.shown_name),
            Text(format_count(stage.count)),
            Text(format_totals(stage.values)),
            Text(format_count(stage.reached)),
            Text(format_rate(stage.conversion)),
        ]
        table.add_row(*cells, *([Text(format_days(stage.median_days))] if medians else []))
    table.add_row(
        Text(_("Total"), style="bold"),
        Text(format_count(sum(s.count for s in metrics.stages)), style="bold"),
        Text(format_totals(metrics.values), style="bold"),
    )
    console.print(table)
    console.print(
        Text(
            _("Win rate: {rate} ({won} won, {lost} lost)").format(
                rate=format_rate(metrics.win_rate),
                won=format_count(metrics.won),
                lost=format_count(metrics.lost),
            )
        )
    )
    if metrics.imported_history:
        console.print(
            Text(
                ngettext(
                    "{count} lead has imported history: the stages before the one it was "
                    "imported in count as reached (not in time in stage).",
                    "{count} leads have imported history: the stages before the one they were "
                    "imported in count as reached (not in time in stage).",
                    metrics.imported_history,
                ).format(count=format_count(metrics.imported_history))
            )
        )
    counts = [week.count for week in metrics.weeks]
    if metrics.weeks:
        console.print(
            Text(
                _("Leads per week ({first} – {last}): {bars}  {counts}").format(
                    first=metrics.weeks[0].label,
                    last=metrics.weeks[-1].label,
                    bars=sparkline(counts),
                    counts=" ".join(str(c) for c in counts),
                )
            )
        )


def funnel_json(metrics: FunnelMetrics) -> dict[str, Any]:
    """Everything ``leadtui stats`` prints, as one object (documented in the README).

    Money is ``{"EUR": cents, "USD": cents}`` per stage and in total: currencies are
    never added together.
    """
    return {
        "stages": [
            {
                "stage": s.key,
                "name": s.name,
                "count": s.count,
                "values": s.values.as_dict(),
                "reached": s.reached,
                "converted": s.converted,
                "conversion": s.conversion,
                "median_days_in_stage": s.median_days,
            }
            for s in metrics.stages
        ],
        "total": {
            "count": sum(s.count for s in metrics.stages),
            "values": metrics.values.as_dict(),
        },
        "won": metrics.won,
        "lost": metrics.lost,
        "win_rate": metrics.win_rate,
        "imported_history": metrics.imported_history,
        "leads_per_week": [
            {"week": week.label, "start": week.start.isoformat(), "count": week.count}
            for week in metrics.weeks
        ],
    }
