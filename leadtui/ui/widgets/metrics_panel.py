"""MetricsPanel: the funnel numbers under the board (toggled with ``i``, views with ``T``).

The screen computes the numbers in a worker and sets the panel's attributes; the
panel only draws. :attr:`MetricsPanel.segment` holds the instant numbers (summary
tables, or the board's filter as a segment), :attr:`MetricsPanel.metrics` the
history pass's time in stage (all leads only), :attr:`MetricsPanel.progress` the
line shown while a segment is being counted.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Sparkline, Static

from leadtui.domain.formatting import format_count
from leadtui.domain.funnel import FunnelMetrics, format_days, format_rate, imported_history_text
from leadtui.domain.money import format_totals
from leadtui.domain.record_fields import replace
from leadtui.domain.segment_metrics import SegmentMetrics
from leadtui.i18n import _
from leadtui.ui.widgets.metrics_groups import group_table

VIEWS = ("funnel", "source", "month")
"""What the panel shows, in the order ``T`` cycles through."""


def metrics_table(metrics: FunnelMetrics, *, medians: bool = True) -> Table:
    """Per stage: leads, value, conversion to the next stage, median time in stage (when
    ``medians``: a segment, or all leads before the history pass, has none)."""
    table = Table(box=None, header_style="bold", padding=(0, 1), expand=True)
    titles = [_("Stage"), _("Leads"), _("Value"), _("Conversion")]
    for title in titles:
        table.add_column(title, justify="left" if title == titles[0] else "right")
    if medians:
        table.add_column(_("Median in stage"), justify="right")
    for stage in metrics.stages:
        table.add_row(
            Text(stage.shown_name),
            Text(format_count(stage.count)),
            Text(format_totals(stage.values)),
            Text(format_rate(stage.conversion)),
            *([Text(format_days(stage.median_days))] if medians else []),
        )
    return table


def with_medians(funnel: FunnelMetrics, medians: FunnelMetrics | None) -> FunnelMetrics:
    """``funnel`` with the time in stage of ``medians`` (the history pass) when it has it."""
    if medians is None:
        return funnel
    days = {stage.key: stage.median_days for stage in medians.stages}
    return replace(
        funnel, stages=tuple(replace(s, median_days=days.get(s.key)) for s in funnel.stages)
    )


class MetricsPanel(Vertical):
    """Funnel, by-source or by-month table; win rate and leads per week; the segment it covers."""

    DEFAULT_CSS = """
    MetricsPanel { height: 9; border-top: solid $primary; padding: 0 1; }
    MetricsPanel > Horizontal { height: 1fr; }
    MetricsPanel #metrics-side { width: 40; padding-left: 2; }
    MetricsPanel #metrics-table { width: 1fr; }
    MetricsPanel Sparkline { height: 3; margin-top: 1; }
    """

    segment: reactive[SegmentMetrics | None] = reactive(None, always_update=True)
    metrics: reactive[FunnelMetrics | None] = reactive(None, always_update=True)
    progress: reactive[str] = reactive("")
    view: reactive[str] = reactive("funnel")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(Text(_("Computing funnel metrics…")), id="metrics-table")
            with Vertical(id="metrics-side"):
                yield Static(id="metrics-scope")
                yield Static(id="metrics-win-rate")
                yield Static(id="metrics-weeks-title")
                yield Sparkline([], id="metrics-sparkline")
                yield Static(id="metrics-weeks-range")

    def cycle_view(self) -> None:
        """Show the next of funnel, by source, by month."""
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]

    def watch_segment(self) -> None:
        """Redraw from new numbers."""
        self._redraw()

    def watch_metrics(self) -> None:
        """Redraw with the time in stage."""
        self._redraw()

    def watch_view(self) -> None:
        """Redraw the chosen table."""
        self._redraw()

    def on_resize(self) -> None:
        """Redraw at the new size: the side's width and the tables' rows follow the panel's.

        Numbers that arrive before the panel's first layout were drawn at width 0.
        """
        self._redraw()

    def watch_progress(self) -> None:
        """Show the progress line while a segment is being counted."""
        if self.progress and self.is_mounted:
            self.query_one("#metrics-table", Static).update(Text(self.progress, style="italic"))

    def _redraw(self) -> None:
        segment = self.segment
        if segment is None or not self.is_mounted:
            return
        funnel = segment.funnel if segment.scope else with_medians(segment.funnel, self.metrics)
        table = self.query_one("#metrics-table", Static)
        side = self.query_one("#metrics-side", Vertical)
        # The by-source and by-month tables need the whole width; the side is the funnel's.
        side.display = self.view == "funnel"
        side.styles.width = 40 if self.size.width >= 110 else 30
        if self.view == "funnel":
            medians = not segment.scope and self.metrics is not None
            table.update(metrics_table(funnel, medians=medians))
        else:
            rows = max(1, self.size.height - 4)
            wide = self.size.width >= 110
            table.update(group_table(segment, self.view, rows, 20 if wide else 6, wide=wide))
        self._draw_side(segment, funnel)

    def _draw_side(self, segment: SegmentMetrics, funnel: FunnelMetrics) -> None:
        if segment.scope:
            scope = _("Segment: {label}").format(label=segment.scope)
        elif funnel.imported_history:
            scope = imported_history_text(funnel.imported_history)
        else:
            scope = _("All leads")
        self.query_one("#metrics-scope", Static).update(Text(scope, style="dim italic"))
        self.query_one("#metrics-win-rate", Static).update(
            Text(
                _("Win rate {rate} ({won} won / {lost} lost)").format(
                    rate=format_rate(funnel.win_rate),
                    won=format_count(funnel.won),
                    lost=format_count(funnel.lost),
                ),
                style="bold",
            )
        )
        counts = [week.count for week in funnel.weeks]
        title = self.query_one("#metrics-weeks-title", Static)
        sparkline = self.query_one("#metrics-sparkline", Sparkline)
        weeks_range = self.query_one("#metrics-weeks-range", Static)
        # A segment's rows carry months, not weeks: its series is the by-month table.
        title.display = sparkline.display = weeks_range.display = not segment.scope
        if segment.scope:
            return
        title.update(
            Text(
                _("{total} new leads in {n} weeks").format(
                    n=len(counts), total=format_count(sum(counts))
                )
            )
        )
        sparkline.data = [float(c) for c in counts]
        if funnel.weeks:
            weeks_range.update(
                Text(f"{funnel.weeks[0].label} … {funnel.weeks[-1].label}", style="dim")
            )
