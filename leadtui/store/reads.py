"""The store's read side: the one list/board/CLI read API, stages, details and metrics.

Every read goes straight to the :class:`~leadtui.storage.base.Backend` (which keeps one
connection per thread) and comes back through ``sanitize()``, so no stored control
character reaches a screen or a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadtui.domain.record_fields import replace
from leadtui.domain.rows import (
    LeadCounts,
    LeadFilter,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
)
from leadtui.domain.sanitize import sanitize
from leadtui.store.context import StoreContext

if TYPE_CHECKING:
    from leadtui.domain.agenda import AgendaRow, AgendaSection
    from leadtui.domain.funnel import FunnelMetrics
    from leadtui.domain.lead_records import TimelineEntry
    from leadtui.domain.rows import LeadDetail


class ReadsService:
    """Pages, counts, details and metrics, read without a write transaction."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context

    def page_list(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """A page of the filtered, sorted list; a search starts from its capped hits.

        Pass ``total`` to page deep offsets fast.
        """
        backend, now = self.context.backend, self.context.now()
        return sanitize(backend.page(lead_filter, sort, now, offset, limit, total))

    def count_list(self, lead_filter: LeadFilter) -> LeadCounts:
        """How many leads match and how many are overdue (a search: its capped hits).

        Every lead, or whole stages: from the summary counters (no scan at any size).
        """
        kept = self.kept_counts(lead_filter)
        if kept is not None:
            return kept
        return self.context.backend.count(lead_filter, self.context.now())

    def kept_counts(self, lead_filter: LeadFilter) -> LeadCounts | None:
        """The counts of ``lead_filter`` when the summary counters hold them (every lead,
        or whole stages: ~1 ms at any size), else ``None`` (it needs a count)."""
        if not replace(lead_filter, stages=()).is_empty:
            return None
        from leadtui.store.header_counts import header_counts

        return header_counts(self.context, tuple(lead_filter.stages))

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        return sanitize(self.context.backend.stages())

    def stage_totals(self) -> list[StageTotal]:
        """Count and value per stage, in funnel order (from the summary counters)."""
        from leadtui.store.metrics import MetricsService

        return sanitize(MetricsService(self.context).stage_totals())

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row, or ``None``."""
        return sanitize(self.context.backend.lead_row(lead_id))

    def all_tags(self) -> list[str]:
        """Every tag name."""
        return sanitize(self.context.backend.all_tags())

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead."""
        return sanitize(self.context.backend.tags_of(lead_id))

    def phones_and_tags(self, lead_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Phone and tags of each of ``lead_ids`` (a page of the list), in a few queries."""
        return sanitize(self.context.backend.phones_and_tags(lead_ids))

    def timeline(self, lead_id: int, limit: int = 500) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        return sanitize(self.context.backend.timeline(lead_id, limit)[:limit])

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """Stage changes of one lead, oldest first."""
        return sanitize(self.context.backend.stage_history(lead_id))

    def funnel_metrics(self) -> FunnelMetrics:
        """Conversion, time in stage, win rate and leads per week (:mod:`leadtui.domain.funnel`)."""
        return sanitize(self.context.backend.funnel_metrics(self.context.now()))

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead (stdlib read), or ``None``."""
        return sanitize(self.context.backend.lead_detail(lead_id))

    def agenda_page(
        self, section: AgendaSection, offset: int, limit: int, owner: str | None = None
    ) -> list[AgendaRow]:
        """A page of one agenda section, in the order it is shown (``owner``: only theirs)."""
        backend, now = self.context.backend, self.context.now()
        return sanitize(backend.agenda_page(section, now, offset, limit, owner))

    def agenda_count(self, section: AgendaSection, owner: str | None = None) -> int:
        """How many leads one agenda section holds now (``owner``: only theirs)."""
        return self.context.backend.agenda_count(section, self.context.now(), owner)
