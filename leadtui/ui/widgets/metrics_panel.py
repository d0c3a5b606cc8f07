"""MetricsPanel: the funnel numbers under the board (toggled with ``i``).

The screen computes :class:`~leadtui.domain.funnel.FunnelMetrics` in a worker and
sets :attr:`MetricsPanel.metrics`; the panel only draws.
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
from leadtui.i18n import _


def metrics_table(metrics: FunnelMetrics) -> Table:
    """Per stage: leads, value, conversion to the next stage, median time in stage."""
    table = Table(box=None, header_style="bold", padding=(0, 1), expand=True)
    for title, justify in (
        (_("Stage"), "left"),
        (_("Leads"), "right"),
        (_("Value"), "right"),
        (_("Conversion"), "right"),
        (_("Median in stage"), "right"),
    ):
        table.add_column(title, justify=justify)  # type: ignore[arg-type]
    for stage in metrics.stages:
        table.add_row(
            Text(stage.shown_name),
            Text(format_count(stage.count)),
            Text(format_totals(stage.values)),
            Text(format_rate(stage.conversion)),
            Text(format_days(stage.median_days)),
        )
    return table


class MetricsPanel(Vertical):
    """Funnel table, win rate and a leads-per-week sparkline, always over all live leads."""

    DEFAULT_CSS = """
    MetricsPanel { height: 9; border-top: solid $primary; padding: 0 1; }
    MetricsPanel > Horizontal { height: 1fr; }
    MetricsPanel #metrics-side { width: 40; padding-left: 2; }
    MetricsPanel #metrics-table { width: 1fr; }
    MetricsPanel Sparkline { height: 3; margin-top: 1; }
    """

    metrics: reactive[FunnelMetrics | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(Text(_("Computing funnel metrics…")), id="metrics-table")
            with Vertical(id="metrics-side"):
                # The funnel describes the whole pipeline; the board filter narrows cards only.
                yield Static(
                    Text(_("All leads (board filter not applied)"), style="dim italic"),
                    id="metrics-scope",
                )
                yield Static(id="metrics-win-rate")
                yield Static(id="metrics-weeks-title")
                yield Sparkline([], id="metrics-sparkline")
                yield Static(id="metrics-weeks-range")

    def watch_metrics(self, metrics: FunnelMetrics | None) -> None:
        """Redraw from new numbers."""
        if metrics is None or not self.is_mounted:
            return
        self.query_one("#metrics-table", Static).update(metrics_table(metrics))
        if metrics.imported_history:
            self.query_one("#metrics-scope", Static).update(
                Text(imported_history_text(metrics.imported_history), style="dim italic")
            )
        self.query_one("#metrics-win-rate", Static).update(
            Text(
                _("Win rate {rate} ({won} won / {lost} lost)").format(
                    rate=format_rate(metrics.win_rate),
                    won=format_count(metrics.won),
                    lost=format_count(metrics.lost),
                ),
                style="bold",
            )
        )
        counts = [week.count for week in metrics.weeks]
        self.query_one("#metrics-weeks-title", Static).update(
            Text(
                _("{total} new leads in {n} weeks").format(
                    n=len(counts), total=format_count(sum(counts))
                )
            )
        )
        self.query_one("#metrics-sparkline", Sparkline).data = [float(c) for c in counts]
        if metrics.weeks:
            self.query_one("#metrics-weeks-range", Static).update(
                Text(f"{metrics.weeks[0].label} … {metrics.weeks[-1].label}", style="dim")
            )
