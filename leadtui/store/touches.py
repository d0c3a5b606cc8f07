"""TouchesService: activities, the next follow-up, tags."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from leadtui.i18n import _
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, unit_of_work

if TYPE_CHECKING:
    from leadtui.storage.models import Activity

MAX_TAG = 60
"""The longest tag name, in characters."""


class TouchesService:
    """Activities, follow-ups and tags; each method is one ORM session."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    @unit_of_work
    def add_activity(
        self, lead_id: int, kind: str, body: str, at: datetime | None = None
    ) -> Activity:
        """Log a touch on a lead; updates its last-activity time."""
        from leadtui.domain.enums import ActivityKind
        from leadtui.domain.validation import MAX_NOTE, ValidationError, clean_text
        from leadtui.storage.models import Activity

        if kind not in {k.value for k in ActivityKind}:
            raise ValidationError("kind", _("Unknown activity kind: {kind}").format(kind=kind))
        body = clean_text(body, max_length=MAX_NOTE, multiline=True, field="body")
        at = check_moment(at, "at") or self.context.now()
        with self.backend.session() as session:
            lead = orm_steps.lead_for_write(session, lead_id, None)
            activity = Activity(
                lead_id=lead_id, kind=kind, at=at, body=body, actor=self.context.actor()
            )
            session.add(activity)
            if lead.last_activity_at is None or at > lead.last_activity_at:
                lead.last_activity_at = at
            orm_steps.touch(lead, self.context.now())
            session.add(lead)
            self.context.rescore(session, [lead_id])
            return activity

    @unit_of_work
    def delete_activity(self, activity_id: int) -> None:
        """Remove an activity (the undo of logging it)."""
        from sqlmodel import col, select

        from leadtui.storage.models import Activity, Lead

        with self.backend.session() as session:
            activity = session.get(Activity, activity_id)
            if activity is None:
                return
            lead = session.get(Lead, activity.lead_id)
            session.delete(activity)
            session.flush()
            if lead is not None:
                latest = session.exec(
                    select(Activity.at)
                    .where(Activity.lead_id == lead.id)
                    .order_by(col(Activity.at).desc())
                ).first()
                lead.last_activity_at = latest
                orm_steps.touch(lead, self.context.now())
                session.add(lead)
                self.context.rescore(session, [lead.id])

    @unit_of_work
    def tag_leads(self, lead_ids: Sequence[int], name: str) -> list[int]:
        """Put a tag on leads; returns the ids that did not have it (for undo)."""
        from leadtui.domain.validation import clean_text
        from leadtui.storage.models import LeadTag

        name = clean_text(name, max_length=MAX_TAG, field="tags")
        if not name:
            return []
        added: list[int] = []
        with self.backend.session() as session:
            tag_id = orm_steps.tag_id(session, name, create=True)
            assert tag_id is not None
            for lead_id in lead_ids:
                lead = orm_steps.lead_for_write(session, lead_id, None)
                if session.get(LeadTag, (lead_id, tag_id)) is None:
                    session.add(LeadTag(lead_id=lead_id, tag_id=tag_id))
                    orm_steps.touch(lead, self.context.now())
                    session.add(lead)
                    added.append(lead_id)
        return added

    @unit_of_work
    def untag_leads(
        self, lead_ids: Sequence[int], name: str, *, drop_unused: bool = False
    ) -> list[int]:
        """Take a tag off leads; returns the ids that had it.

        With ``drop_unused`` (the undo of :meth:`tag_leads`) a tag no lead carries any
        more is removed from the tag list too.
        """
        from leadtui.storage.models import Lead, LeadTag

        removed: list[int] = []
        with self.backend.session() as session:
            tag_id = orm_steps.tag_id(session, name, create=False)
            if tag_id is None:
                return []
            for lead_id in lead_ids:
                link = session.get(LeadTag, (lead_id, tag_id))
                lead = session.get(Lead, lead_id)
                if link is not None and lead is not None:
                    session.delete(link)
                    orm_steps.touch(lead, self.context.now())
                    session.add(lead)
                    removed.append(lead_id)
            if drop_unused:
                orm_steps.drop_tag_if_unused(session, tag_id)
        return removed

    @unit_of_work
    def retag_lead(
        self,
        lead_id: int,
        add: Sequence[str],
        remove: Sequence[str],
        *,
        drop_unused: bool = False,
    ) -> tuple[list[str], list[str]]:
        """Add and remove tags on one lead in one transaction; returns what really changed.

        With ``drop_unused`` (an undo) a removed tag no lead carries any more leaves the list.
        """
        from leadtui.domain.validation import clean_text
        from leadtui.storage.models import LeadTag

        added: list[str] = []
        removed: list[str] = []
        with self.backend.session() as session:
            lead = orm_steps.lead_for_write(session, lead_id, None)
            for raw in remove:
                tag_id = orm_steps.tag_id(session, raw, create=False)
                link = None if tag_id is None else session.get(LeadTag, (lead_id, tag_id))
                if link is not None:
                    session.delete(link)
                    removed.append(raw)
                    if drop_unused and tag_id is not None:
                        orm_steps.drop_tag_if_unused(session, tag_id)
            for raw in add:
                name = clean_text(raw, max_length=MAX_TAG, field="tags")
                tag_id = orm_steps.tag_id(session, name, create=True) if name else None
                if tag_id is not None and session.get(LeadTag, (lead_id, tag_id)) is None:
                    session.add(LeadTag(lead_id=lead_id, tag_id=tag_id))
                    added.append(name)
            if added or removed:
                orm_steps.touch(lead, self.context.now())
                session.add(lead)
        return added, removed


def check_moment(at: datetime | None, field: str) -> datetime | None:
    """``at`` if it is ``None`` or an aware datetime; ValidationError otherwise."""
    from leadtui.domain.validation import ValidationError

    if at is not None and (not isinstance(at, datetime) or at.utcoffset() is None):
        raise ValidationError(field, _("A time needs its time zone (for example UTC)."))
    return at
