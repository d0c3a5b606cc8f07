"""MergeService: two leads become one, and a merge is taken back exactly (ORM, both backends).

A merge soft-deletes the other lead and moves its activities, stage history and tags
to the survivor; the ``leadmerge`` row keeps both leads as they were (every column)
and what moved, so :meth:`MergeService.unmerge` restores both. Edits made to the
survivor after the merge stay: only columns still holding the merged value go back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from leadtui.domain.duplicates_merge import Side, default_sides, plan_merge
from leadtui.domain.enums import ActivityKind
from leadtui.domain.errors import ConflictError, NotFoundError
from leadtui.i18n import _
from leadtui.storage.columns import LEAD
from leadtui.store.context import StoreContext, unit_of_work
from leadtui.store.merge_snapshot import decode as _decode
from leadtui.store.merge_snapshot import encode as _encode
from leadtui.store.merge_snapshot import lead_values
from leadtui.store.merge_snapshot import sides as _sides

if TYPE_CHECKING:
    from sqlmodel import Session

    from leadtui.storage.models import Lead

_BOOKKEEPING = ("version", "updated_at")


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a merge did: its id (for ``leadtui unmerge``) and the two leads."""

    merge_id: int
    kept_id: int
    other_id: int
    sides: dict[str, Side] = field(default_factory=dict)
    """The side each field's value was taken from: merging again with it redoes the merge."""


@dataclass(frozen=True, slots=True)
class MergeInfo:
    """A merge into a lead that can still be taken back."""

    merge_id: int
    other_id: int
    at: datetime
    activity_id: int | None = None
    """The note the merge left on the survivor's timeline."""


class MergeService:
    """Merge and unmerge; each call is one ORM session (one user action)."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    def _live(self, session: Session, lead_id: int) -> Lead:
        from leadtui.storage.models import Lead

        lead = session.get(Lead, lead_id)
        if lead is None or lead.deleted_at is not None:
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
        return lead

    @unit_of_work
    def merge(
        self, kept_id: int, other_id: int, sides: Mapping[str, Side] | None = None
    ) -> MergeResult:
        """Merge ``other_id`` into ``kept_id``; ``sides`` overrides the per-field defaults."""
        with self.backend.session() as session:
            return self.merge_in(session, kept_id, other_id, sides)

    def merge_in(
        self,
        session: Session,
        kept_id: int,
        other_id: int,
        sides: Mapping[str, Side] | None = None,
    ) -> MergeResult:
        """:meth:`merge` inside the caller's unit of work (an import merges many at once)."""
        from sqlmodel import col, select, update

        from leadtui.storage.models import Activity, LeadMerge, LeadTag, StageChange

        if kept_id == other_id:
            raise NotFoundError(_("A lead cannot be merged with itself."))
        now = self.context.now()
        stages = [(stage.key, stage.kind) for stage in self.backend.stages()]
        kept, other = self._live(session, kept_id), self._live(session, other_id)
        kept_before, other_before = lead_values(kept), lead_values(other)
        chosen = default_sides(kept_before, other_before) | dict(sides or {})
        plan = plan_merge(kept_before, other_before, chosen, stages)
        activities = list(
            session.exec(select(Activity.id).where(Activity.lead_id == other_id)).all()
        )
        changes = list(
            session.exec(select(StageChange.id).where(StageChange.lead_id == other_id)).all()
        )
        kept_tags = set(session.exec(select(LeadTag.tag_id).where(LeadTag.lead_id == kept_id)))
        other_tags = sorted(session.exec(select(LeadTag.tag_id).where(LeadTag.lead_id == other_id)))
        record = LeadMerge(at=now, kept_id=kept_id, other_id=other_id, snapshot_json="{}")
        session.add(record)
        # The other lead lets go of its email key first: the survivor may take it.
        if "email_key" in plan.values:
            other.email_key = None
        other.deleted_at = now
        other.updated_at = now
        other.version += 1
        session.add(other)
        session.flush()
        for name, value in plan.values.items():
            setattr(kept, name, value)
        merge_change_id = None
        if plan.stage != kept.stage:
            change = StageChange(
                lead_id=kept_id, from_stage=kept.stage, to_stage=plan.stage, at=now,
                reason=_("merge"),
            )  # fmt: skip
            session.add(change)
            session.flush()
            merge_change_id = change.id
            kept.stage = plan.stage
            kept.stage_changed_at = now
        session.exec(
            update(Activity).where(col(Activity.id).in_(activities)).values(lead_id=kept_id)
        )
        session.exec(
            update(StageChange).where(col(StageChange.id).in_(changes)).values(lead_id=kept_id)
        )
        added_tags = [tag for tag in other_tags if tag not in kept_tags]
        for tag in other_tags:
            session.delete(session.get(LeadTag, (other_id, tag)))
        session.flush()
        for tag in added_tags:
            session.add(LeadTag(lead_id=kept_id, tag_id=tag))
        assert record.id is not None
        name = f"{other.first_name} {other.last_name}".strip() or (other.email or "")
        note = Activity(
            lead_id=kept_id,
            kind=ActivityKind.SYSTEM.value,
            at=now,
            body=_(
                "Merged lead #{other} ({name}) into this one (merge {merge}; "
                "undo with: leadtui unmerge {merge})."
            ).format(other=other_id, name=name, merge=record.id),
            actor=self.context.actor(),
        )
        session.add(note)
        kept.updated_at = now
        kept.version += 1
        session.add(kept)
        session.flush()
        record.snapshot_json = json.dumps(
            {
                "kept_before": _encode(kept_before),
                "kept_after": _encode(lead_values(kept)),
                "other_before": _encode(other_before),
                "activities": activities,
                "changes": changes,
                "other_tags": other_tags,
                "added_tags": added_tags,
                "merge_activity": note.id,
                "merge_change": merge_change_id,
                "sides": {name: side.value for name, side in chosen.items()},
            }
        )
        session.add(record)
        self.context.rescore(session, [kept_id, other_id])
        return MergeResult(record.id, kept_id, other_id, chosen)

    @unit_of_work
    def unmerge(self, merge_id: int) -> MergeResult:
        """Both leads back as before the merge; later edits to the survivor stay."""
        from sqlmodel import col, delete, update

        from leadtui.storage.models import Activity, Lead, LeadMerge, LeadTag, StageChange, Tag

        now = self.context.now()
        with self.backend.session() as session:
            record = session.get(LeadMerge, merge_id)
            if record is None:
                raise NotFoundError(_("No merge with id {id}.").format(id=merge_id))
            snap = json.loads(record.snapshot_json)
            kept, other = session.get(Lead, record.kept_id), session.get(Lead, record.other_id)
            if kept is None or other is None:
                raise NotFoundError(_("No merge with id {id}.").format(id=merge_id))
            before, after = _decode(snap["kept_before"]), _decode(snap["kept_after"])
            untouched = kept.version == after["version"]
            for name in LEAD.names:
                if name == "id" or name not in before or name in _BOOKKEEPING and not untouched:
                    continue
                if untouched or (
                    before[name] != after[name] and getattr(kept, name) == after[name]
                ):
                    setattr(kept, name, before[name])
            if not untouched:
                kept.updated_at = now
                kept.version += 1
            session.add(kept)
            session.flush()
            other_before = _decode(snap["other_before"])
            if other_before["email_key"] is not None and other.email_key is None:
                self._refuse_taken(session, other_before["email_key"], other.id)
            for name, value in other_before.items():
                setattr(other, name, value)
            session.add(other)
            other_id = record.other_id
            session.exec(
                update(Activity)
                .where(col(Activity.id).in_(snap["activities"]), col(Activity.lead_id) == kept.id)
                .values(lead_id=other_id)
            )
            session.exec(
                update(StageChange)
                .where(
                    col(StageChange.id).in_(snap["changes"]), col(StageChange.lead_id) == kept.id
                )
                .values(lead_id=other_id)
            )
            for table, key in ((Activity, "merge_activity"), (StageChange, "merge_change")):
                if snap[key] is not None:
                    session.exec(delete(table).where(col(table.id) == snap[key]))
            session.exec(
                delete(LeadTag).where(
                    col(LeadTag.lead_id) == kept.id, col(LeadTag.tag_id).in_(snap["added_tags"])
                )
            )
            for tag in snap["other_tags"]:
                if (
                    session.get(Tag, tag) is not None
                    and session.get(LeadTag, (other_id, tag)) is None
                ):
                    session.add(LeadTag(lead_id=other_id, tag_id=tag))
            result = MergeResult(merge_id, record.kept_id, other_id, _sides(snap))
            session.delete(record)
            self.context.rescore(session, [record.kept_id, other_id])
            return result

    def merges_into(self, lead_id: int) -> list[MergeInfo]:
        """The merges into ``lead_id`` that can be undone, newest first."""
        from sqlmodel import col, select

        from leadtui.storage.models import LeadMerge

        with self.backend.read_session() as session:
            rows = session.exec(
                select(LeadMerge.id, LeadMerge.other_id, LeadMerge.at, LeadMerge.snapshot_json)
                .where(LeadMerge.kept_id == lead_id)
                .order_by(col(LeadMerge.id).desc())
            ).all()
            return [
                MergeInfo(m or 0, o, at, json.loads(snap).get("merge_activity"))
                for m, o, at, snap in rows
            ]

    @staticmethod
    def _refuse_taken(session: Session, key: str, own_id: int | None) -> None:
        from sqlmodel import select

        from leadtui.storage.models import Lead

        holder = session.exec(select(Lead).where(Lead.email_key == key)).first()
        if holder is not None and holder.id != own_id:
            raise ConflictError(
                _("Lead #{id} now has this email; change it there first.").format(id=holder.id),
                holder.id or 0,
                holder.version,
                holder.version,
            )
