"""PipelineService: stage moves and their undo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from leadtui.domain.errors import ConflictError, NotFoundError
from leadtui.i18n import _
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, unit_of_work

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What a stage move did, enough to undo every field it changed."""

    lead_id: int
    change_id: int
    from_stage: str
    to_stage: str
    followup_before: datetime | None = None
    """The follow-up the move cleared (closing a deal clears it), restored by undo."""
    value_before: int | None = None
    """The value in cents before a won deal set it (``None``: the move left it alone)."""


class PipelineService:
    """Stage moves: each call is one ORM session; each move writes a StageChange."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    @unit_of_work
    def move_leads(
        self,
        lead_ids: Sequence[int],
        to_stage: str,
        reason: str = "",
        *,
        expected_versions: dict[int, int] | None = None,
        value_cents: int | None = None,
    ) -> list[MoveResult]:
        """Move leads to ``to_stage`` in one transaction; each move writes a StageChange.

        A move to a closing stage (won or lost) clears the follow-up, so a closed deal is
        never overdue; ``value_cents`` (a won deal's value) is set with the move. The
        results record both, and :meth:`undo_moves` restores them.
        """
        from leadtui.domain.validation import clean_text
        from leadtui.storage.models import StageChange

        kinds = {stage.key: stage.kind for stage in self.backend.stages()}
        if to_stage not in kinds:
            raise NotFoundError(_("Unknown stage: {stage}").format(stage=to_stage))
        closing = kinds[to_stage] in ("won", "lost")
        reason = clean_text(reason, max_length=500, field="reason")
        now = self.context.now()
        results: list[MoveResult] = []
        with self.backend.session() as session:
            for lead_id in lead_ids:
                expected = (expected_versions or {}).get(lead_id)
                lead = orm_steps.lead_for_write(session, lead_id, expected)
                if lead.stage == to_stage:
                    continue
                change = StageChange(
                    lead_id=lead_id,
                    from_stage=lead.stage,
                    to_stage=to_stage,
                    at=now,
                    reason=reason,
                    actor=self.context.actor(),
                )
                session.add(change)
                session.flush()
                assert change.id is not None
                followup = lead.next_followup_at if closing else None
                value = lead.value_cents if value_cents is not None else None
                results.append(
                    MoveResult(lead_id, change.id, lead.stage, to_stage, followup, value)
                )
                lead.stage = to_stage
                lead.stage_changed_at = now
                if closing:
                    lead.next_followup_at = None
                if value_cents is not None:
                    lead.value_cents = value_cents
                orm_steps.touch(lead, self.context.now())
                session.add(lead)
        return results

    @unit_of_work
    def move_lead(
        self,
        lead_id: int,
        to_stage: str,
        reason: str = "",
        *,
        expected_version: int | None = None,
        value_cents: int | None = None,
    ) -> MoveResult | None:
        """Move one lead (a won deal with its ``value_cents``); ``None`` if already there."""
        versions = None if expected_version is None else {lead_id: expected_version}
        results = self.move_leads(
            [lead_id], to_stage, reason, expected_versions=versions, value_cents=value_cents
        )
        return results[0] if results else None

    @unit_of_work
    def undo_moves(self, moves: Sequence[MoveResult]) -> None:
        """Revert moves: stage, follow-up and value back, their StageChange rows (and so
        their reasons) removed. Refuses if moved since."""
        from leadtui.storage.models import Lead, StageChange

        with self.backend.session() as session:
            for move in reversed(moves):
                lead = session.get(Lead, move.lead_id)
                change = session.get(StageChange, move.change_id)
                if lead is None or change is None:
                    raise NotFoundError(_("Nothing to undo: the lead is gone."))
                if lead.stage != move.to_stage:
                    raise ConflictError(
                        _("The lead has moved again since; undo skipped."),
                        move.lead_id,
                        lead.version,
                        lead.version,
                    )
                session.delete(change)
                session.flush()
                previous = _last_change_at(session, move.lead_id)
                lead.stage = move.from_stage
                lead.stage_changed_at = previous or lead.created_at
                if move.followup_before is not None:
                    lead.next_followup_at = move.followup_before
                if move.value_before is not None:
                    lead.value_cents = move.value_before
                orm_steps.touch(lead, self.context.now())
                session.add(lead)


def _last_change_at(session: Session, lead_id: int) -> datetime | None:
    from sqlmodel import col, select

    from leadtui.storage.models import StageChange

    last = session.exec(
        select(StageChange)
        .where(StageChange.lead_id == lead_id)
        .order_by(col(StageChange.at).desc(), col(StageChange.id).desc())
    ).first()
    return None if last is None else last.at
