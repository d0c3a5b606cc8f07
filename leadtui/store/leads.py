"""LeadsService: add, edit, delete and restore leads, and find whole leads (ORM)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from leadtui.domain.errors import NotFoundError
from leadtui.domain.rows import LeadInput
from leadtui.domain.sanitize import sanitize
from leadtui.i18n import _
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, unit_of_work

if TYPE_CHECKING:
    from leadtui.storage.models import Lead


class LeadsService:
    """Lead edits: each method is one short ORM session (one user action)."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    def _check(self, data: LeadInput, *, strict_phone: bool) -> dict[str, Any]:
        from leadtui.domain.lead_input import check_lead_input
        from leadtui.domain.validation import ValidationError

        values, errors = check_lead_input(
            data, strict_phone=strict_phone, stage_keys=self.context.stage_keys()
        )
        if errors:
            field, message = next(iter(errors.items()))
            raise ValidationError(field, message)
        return values

    @unit_of_work
    def add_lead(self, data: LeadInput, *, strict_phone: bool = True) -> Lead:
        """Validate and insert a lead with its first stage change and tags."""
        from leadtui.storage.models import Lead, StageChange

        values = self._check(data, strict_phone=strict_phone)
        tags = values.pop("tags")
        now = self.context.now()
        with self.backend.session() as session:
            orm_steps.refuse_duplicate(session, values["email_key"], None)
            pinned = values["score"] is not None  # a typed score pins the lead
            actor = self.context.actor()
            lead = Lead(
                **values,
                score_pinned=pinned,
                created_at=now,
                updated_at=now,
                stage_changed_at=now,
                owner=actor,
            )
            session.add(lead)
            session.flush()
            assert lead.id is not None
            first = StageChange(
                lead_id=lead.id, from_stage=None, to_stage=lead.stage, at=now, actor=actor
            )
            session.add(first)
            orm_steps.set_tags(session, lead.id, tags)
            self.context.rescore(session, [lead.id])
            return lead

    @unit_of_work
    def update_lead(
        self, lead_id: int, expected_version: int, data: LeadInput, *, strict_phone: bool = True
    ) -> Lead:
        """Save an edit made on version ``expected_version``; a stale one raises ConflictError."""
        from leadtui.storage.models import StageChange

        values = self._check(data, strict_phone=strict_phone)
        tags = values.pop("tags")
        now = self.context.now()
        with self.backend.session() as session:
            lead = orm_steps.lead_for_write(session, lead_id, expected_version)
            orm_steps.refuse_duplicate(session, values["email_key"], lead_id)
            old_stage = lead.stage
            for name, value in values.items():
                setattr(lead, name, value)
            lead.score_pinned = values["score"] is not None  # a typed score pins the lead
            if lead.stage != old_stage:
                change = StageChange(
                    lead_id=lead_id,
                    from_stage=old_stage,
                    to_stage=lead.stage,
                    at=now,
                    actor=self.context.actor(),
                )
                session.add(change)
                lead.stage_changed_at = now
            lead.updated_at = now
            lead.version += 1
            orm_steps.set_tags(session, lead_id, tags)
            session.add(lead)
            self.context.rescore(session, [lead_id])
            return lead

    def lead_input(self, lead_id: int) -> tuple[LeadInput, int]:
        """The editable fields of a lead and its version (to feed a form or an undo)."""
        from leadtui.domain.lead_input import INPUT_FIELDS

        lead = self.get_lead(lead_id)
        values = {name: getattr(lead, name) for name in INPUT_FIELDS if name != "tags"}
        if not lead.score_pinned:
            values["score"] = None  # the form shows a score only when one was typed
        tags = self.backend.tags_of(lead_id)
        return sanitize(LeadInput(**values, tags=tags)), lead.version

    def set_deleted(self, lead_ids: Sequence[int], deleted_at: datetime | None) -> list[int]:
        """Soft-delete (at ``deleted_at``) or restore (``None``) the leads not already so."""
        from sqlmodel import col, select

        from leadtui.storage.models import Lead

        deleted = col(Lead.deleted_at)
        not_yet = deleted.is_(None) if deleted_at is not None else deleted.is_not(None)
        now = self.context.now()
        with self.backend.session() as session:
            leads = session.exec(
                select(Lead).where(col(Lead.id).in_(list(lead_ids)), not_yet)
            ).all()
            for lead in leads:
                lead.deleted_at = deleted_at
                orm_steps.touch(lead, now)
                session.add(lead)
            return [lead.id for lead in leads if lead.id is not None]

    @unit_of_work
    def delete_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Soft-delete leads; returns the ids actually deleted (for undo)."""
        return self.set_deleted(lead_ids, self.context.now())

    @unit_of_work
    def restore_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Undo a soft delete; returns the ids restored."""
        return self.set_deleted(lead_ids, None)

    @unit_of_work
    def restore_lead(self, lead_id: int) -> None:
        """Restore one soft-deleted lead."""
        self.set_deleted([lead_id], None)

    @unit_of_work
    def delete_lead(self, lead_id: int) -> None:
        """Soft-delete one lead."""
        if not self.set_deleted([lead_id], self.context.now()):
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))

    def get_lead(self, lead_id: int, *, include_deleted: bool = False) -> Lead:
        """The whole lead; :class:`NotFoundError` if it does not exist (or is deleted)."""
        from leadtui.domain.ids import MAX_ID
        from leadtui.storage.models import Lead

        if not 0 < lead_id <= MAX_ID:  # no row has it, and the driver cannot bind it
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
        with self.backend.read_session() as session:
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
            with self.backend.read_session() as session:
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
        with self.backend.read_session() as session:
            return session.exec(select(Lead).where(Lead.email_key == key)).first()
