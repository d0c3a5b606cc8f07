"""Metrics from the summary tables: the funnel, by source, by month, the header's counts.

The whole-funnel numbers and the counts read the kept summaries (a few hundred rows
at any table size); a segment (a filter or a saved view) groups its own leads the
same way, one id range at a time, so a worker can show progress and stop when the
filter changes. Time in stage needs the history pass (``store.reads.funnel_metrics()``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from leadtui.domain.funnel import WEEKS, first_week_start
from leadtui.domain.rows import LeadCounts, LeadFilter, StageTotal
from leadtui.domain.sanitize import sanitize
from leadtui.domain.segment_metrics import SegmentMetrics, SummaryRow, segment_metrics
from leadtui.domain.summary_filter import summary_test
from leadtui.domain.timefmt import format_db_time
from leadtui.storage.stage_sums import stage_totals_of
from leadtui.store.context import StoreContext
from leadtui.store.header_counts import header_counts

SegmentProgress = Callable[[int, int], bool]
"""Called after each chunk with (done, total); returning ``False`` stops the segment."""


class SegmentCancelled(Exception):
    """A segment's computation was stopped by its progress callback."""


class MetricsService:
    """``store.metrics``: instant metrics from the summaries, a segment's on demand."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context

    def _per_week(self) -> dict[int, int]:
        first = first_week_start(self.context.now(), WEEKS)
        bounds = [format_db_time(first + timedelta(weeks=n)) for n in range(WEEKS + 1)]
        counts = self.context.backend.summary_reads().created_between(bounds)
        return dict(enumerate(counts))

    def summary(self) -> SegmentMetrics:
        """Every live lead: the funnel, by source and by month, from the kept summaries."""
        reads = self.context.backend.summary_reads()
        stages = self.context.backend.stages()
        rows = reads.lead_summary()
        return sanitize(segment_metrics(stages, rows, self._per_week(), self.context.now()))

    def segment(
        self,
        lead_filter: LeadFilter,
        scope: str,
        progress: SegmentProgress | None = None,
        chunks: int = 20,
        *,
        from_summary: bool = True,
    ) -> SegmentMetrics:
        """The same numbers over the leads ``lead_filter`` selects (``scope`` names it).

        A filter on stages and sources only is answered from the summary rows; any
        other is counted over the leads in ``chunks`` id ranges (``from_summary=False``
        forces that, for checks). Raises :class:`SegmentCancelled` when ``progress``
        returns ``False``.
        """
        reads = self.context.backend.summary_reads()
        now = self.context.now()
        rows: list[SummaryRow] = []
        test = summary_test(lead_filter) if from_summary else None
        if test is not None:
            rows = [row for row in reads.lead_summary() if test(row)]
            if progress is not None and progress(1, 1) is False:
                raise SegmentCancelled
        else:
            scanned = reads.segment(lead_filter, now, chunks)
            for done, (total, chunk) in enumerate(scanned, start=1):
                rows.extend(chunk)
                if progress is not None and progress(done, total) is False:
                    raise SegmentCancelled
        stages = self.context.backend.stages()
        # Leads per week of a segment: its rows carry months only, so the series is left empty.
        return sanitize(segment_metrics(stages, rows, {}, now, scope=scope))

    def counts(self, stages: tuple[str, ...] = ()) -> LeadCounts:
        """Live leads (in ``stages``, or all) and how many are overdue, from the counters
        (:func:`leadtui.store.header_counts.header_counts`)."""
        return header_counts(self.context, stages)

    def stage_totals(self) -> list[StageTotal]:
        """Live leads per stage and their value per currency, in funnel order (the board)."""
        rows = self.context.backend.summary_reads().lead_summary()
        totals = stage_totals_of(
            self.context.backend.stages(),
            ((row.stage, row.currency, row.leads, row.cents) for row in rows),
        )
        return sanitize(totals)

    def kept_and_recomputed(self) -> tuple[tuple[object, ...], tuple[object, ...]]:
        """The kept summaries and the same recomputed from the leads (for checks and tests)."""
        reads = self.context.backend.summary_reads()
        kept = (sorted(reads.lead_summary(), key=repr), sorted(reads.followups()))
        rows, followups = reads.recomputed()
        return tuple(kept), (sorted(rows, key=repr), sorted(followups))
