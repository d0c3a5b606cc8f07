"""The store's reads: list pages and counts, stages, tags, timelines, metrics.

The list and detail reads use stdlib ``sqlite3`` (:mod:`leadtui.storage.sqlite.reads`); the few
whole-lead reads use the ORM, imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import (
    LeadCounts,
    LeadFilter,
    LeadRow,
    LeadSort,
    StageInfo,
    StageTotal,
    TimelineEntry,
)
from leadtui.domain.sanitize import sanitize
from leadtui.domain.timefmt import parse_db_time
from leadtui.i18n import _
from leadtui.storage.sqlite import reads
from leadtui.storage.sqlite.lead_detail_read import read_timeline
from leadtui.store.base import StoreBase

if TYPE_CHECKING:
    from leadtui.domain.funnel import FunnelMetrics
    from leadtui.storage.models import Lead
    from leadtui.storage.sqlite.lead_detail_read import LeadDetail


class StoreReads(StoreBase):
    """Every read of the store."""

    # -- fast reads (stdlib sqlite3) -------------------------------------------

    def stages(self) -> list[StageInfo]:
        """Every stage in funnel order."""
        return sanitize(reads.stages(self._read()))

    def page_leads(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """A page of the filtered, sorted list (pass ``total`` to page deep offsets fast)."""
        return sanitize(
            reads.page_leads(self._read(), lead_filter, sort, self.now(), offset, limit, total)
        )

    def count_leads(self, lead_filter: LeadFilter) -> LeadCounts:
        """How many leads match the filter, and how many are overdue."""
        return reads.count_leads(self._read(), lead_filter, self.now())

    def page_list(
        self,
        lead_filter: LeadFilter,
        sort: LeadSort,
        offset: int,
        limit: int,
        total: int | None = None,
    ) -> list[LeadRow]:
        """Like :meth:`page_leads`, but a search starts from its capped hits (any table size)."""
        from leadtui.storage.sqlite.list_queries import page_list

        return sanitize(
            page_list(self._read(), lead_filter, sort, self.now(), offset, limit, total)
        )

    def count_list(self, lead_filter: LeadFilter) -> LeadCounts:
        """Like :meth:`count_leads`, but a search counts its capped hits only."""
        from leadtui.storage.sqlite.list_queries import count_list

        return count_list(self._read(), lead_filter, self.now())

    def stage_totals(self) -> list[StageTotal]:
        """Count and value per stage, in funnel order."""
        return sanitize(reads.stage_totals(self._read()))

    def lead_row(self, lead_id: int) -> LeadRow | None:
        """One lead as a list row, or ``None``."""
        return sanitize(reads.lead_row(self._read(), lead_id))

    def all_tags(self) -> list[str]:
        """Every tag name."""
        return sanitize(reads.all_tags(self._read()))

    def tags_of(self, lead_id: int) -> list[str]:
        """The tags of one lead."""
        return sanitize(reads.tags_of(self._read(), lead_id))

    def timeline(self, lead_id: int, limit: int = 500) -> list[TimelineEntry]:
        """Activities and stage changes of a lead, newest first."""
        entries = read_timeline(self._read(), lead_id, limit)
        return sanitize(entries[:limit])

    def stage_history(self, lead_id: int) -> list[TimelineEntry]:
        """Stage changes of one lead, oldest first."""
        return sanitize(
            [
                TimelineEntry(
                    at=parse_db_time(at),
                    kind="stage",
                    id=row_id,
                    from_stage=from_stage,
                    to_stage=to_stage,
                    reason=reason,
                )
                for row_id, from_stage, to_stage, at, reason in self._read().execute(
                    "SELECT id, from_stage, to_stage, at, reason FROM stagechange "
                    "WHERE lead_id = ? ORDER BY at, id",
                    (lead_id,),
                )
            ]
        )

    def funnel_metrics(self) -> FunnelMetrics:
        """Conversion, time in stage, win rate and leads per week.

        See :mod:`leadtui.domain.funnel`.
        """
        from leadtui.storage.sqlite.funnel_reads import funnel_metrics

        return sanitize(funnel_metrics(self._read(), self.now()))

    def lead_detail(self, lead_id: int) -> LeadDetail | None:
        """Every field, the tags and the timeline of one lead (stdlib read), or ``None``."""
        from leadtui.storage.sqlite.lead_detail_read import read_lead_detail

        return sanitize(read_lead_detail(self._read(), lead_id))

    # -- ORM reads ------------------------------------------------------------

    def get_lead(self, lead_id: int, *, include_deleted: bool = False) -> Lead:
        """The whole lead; :class:`NotFoundError` if it does not exist (or is deleted)."""
        from leadtui.storage.models import Lead

        with self._read_session() as session:
            lead = session.get(Lead, lead_id)
            if lead is None or (lead.deleted_at is not None and not include_deleted):
                raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
            return lead

    def find_lead(self, reference: str) -> Lead:
        """A lead by id (digits) or by email (any case)."""
        from sqlmodel import select

        from leadtui.domain.validation import email_key
        from leadtui.storage.models import Lead

        reference = reference.strip()
        if reference.isdigit():
            return self.get_lead(int(reference))
        key = email_key(reference)
        lead = None
        if key is not None:  # `email_key == None` would match any lead without an email
            with self._read_session() as session:
                lead = session.exec(
                    select(Lead).where(Lead.email_key == key, Lead.deleted_at.is_(None))  # type: ignore[union-attr]
                ).first()
        if lead is None:
            raise NotFoundError(_("No lead with id or email {ref}.").format(ref=reference))
        return lead

    def find_by_email(self, email: str) -> Lead | None:
        """The lead (live or deleted) holding this email's normalised key, if any."""
        from sqlmodel import select

        from leadtui.domain.validation import email_key
        from leadtui.storage.models import Lead

        key = email_key(email)
        if key is None:
            return None
        with self._read_session() as session:
            return session.exec(select(Lead).where(Lead.email_key == key)).first()
