"""The board's metrics worker: instant numbers from the summaries, a segment with progress.

With no board filter the panel reads the summary tables (a few hundred rows at any
size), then the history pass adds time in stage. With a filter the panel counts that
segment one id range at a time, showing a progress line; a newer request (the filter
changed, a move) stops the running one between two ranges.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.filter_query import render
from leadtui.domain.funnel import FunnelMetrics
from leadtui.domain.segment_metrics import SegmentMetrics
from leadtui.i18n import _
from leadtui.store.metrics import SegmentCancelled
from leadtui.ui.widgets.metrics_panel import MetricsPanel

if TYPE_CHECKING:
    from leadtui.domain.rows import LeadFilter
    from leadtui.ui.screens.board_parts import BoardSearchHost


def scope_label(lead_filter: LeadFilter) -> str:
    """How the panel names the board's filter ("" for all leads)."""
    parts = [lead_filter.search.strip(), render(lead_filter.query)]
    parts += [f"source:{source}" for source in lead_filter.sources]
    parts += [f"tag:{tag}" for tag in lead_filter.tags]
    if lead_filter.followup.value != "any":
        parts.append(f"due:{lead_filter.followup.value}")
    return " ".join(part for part in parts if part)


class BoardMetrics:
    """Runs the panel's computations; at most one is current, older ones stop early."""

    def __init__(self, board: BoardSearchHost) -> None:
        self.board = board
        self.running = 0
        self._requests = itertools.count(1)
        self._current = 0

    def refresh(self, lead_filter: LeadFilter) -> None:
        """Compute the panel's numbers for ``lead_filter`` (a newer call stops this one)."""
        self._current = next(self._requests)
        self.running += 1
        request, label = self._current, scope_label(lead_filter)
        self.board.screen.run_worker(
            lambda: self._work(request, lead_filter, label), thread=True, group="board-metrics"
        )

    def _live(self, request: int) -> bool:
        return request == self._current

    def _work(self, request: int, lead_filter: LeadFilter, label: str) -> None:
        store, app = self.board.store, self.board.screen.app
        try:
            if not label:
                segment = store.metrics.summary()
                app.call_from_thread(self._show, request, segment, None)
                medians = store.reads.funnel_metrics()
                app.call_from_thread(self._show, request, segment, medians)
                return

            def progress(done: int, total: int) -> bool:
                if not self._live(request):
                    return False
                line = _("Computing metrics for {label}… {done}/{total}").format(
                    label=label, done=done, total=total
                )
                app.call_from_thread(self._progress, request, line)
                return True

            segment = store.metrics.segment(lead_filter, label, progress)
            app.call_from_thread(self._show, request, segment, None)
        except SegmentCancelled:
            app.call_from_thread(self._done)
        except LeadtuiError as error:
            app.call_from_thread(self._failed, str(error))
        finally:
            store.release_reader()

    def _panel(self) -> MetricsPanel | None:
        panels = self.board.screen.query(MetricsPanel)
        return panels.first() if panels else None

    def _progress(self, request: int, line: str) -> None:
        panel = self._panel()
        if panel is not None and self._live(request):
            panel.progress = line

    def _show(self, request: int, segment: SegmentMetrics, medians: FunnelMetrics | None) -> None:
        if medians is not None or segment.scope:
            self._done()
        panel = self._panel()
        if panel is None or not self._live(request):
            return
        panel.progress = ""
        panel.metrics = medians
        panel.segment = segment

    def _done(self) -> None:
        self.running = max(0, self.running - 1)

    def _failed(self, message: str) -> None:
        self._done()
        self.board.screen.notify(
            message, title=_("Metrics not available"), severity="error", markup=False
        )
