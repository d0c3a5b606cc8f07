"""The store's lead writes: add, edit, delete and restore, stage moves and their undo.

Every method is one short ORM session (one user action); SQLModel is imported on
first use, so the first frame never waits for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from leadtui.domain.errors import ConflictError, DuplicateEmailError, NotFoundError
from leadtui.domain.rows import LeadInput
from leadtui.domain.sanitize import sanitize
from leadtui.i18n import _
from leadtui.store.reads import StoreReads

if TYPE_CHECKING:
    from sqlmodel import Session

    from leadtui.storage.models import Lead


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What a stage move did, enough to undo it."""

    lead_id: int
    change_id: int
    from_stage: str
    to_stage: str


class StoreWrites(StoreReads):
    """Lead edits and stage moves."""

    def _stage_keys(self) -> tuple[str, ...]:
        return tuple(stage.key for stage in self.stages())

    def _check(self, data: LeadInput, *, strict_phone: bool) -> dict[str, Any]:
        from leadtui.domain.lead_input import check_lead_input
        from leadtui.domain.validation import ValidationError

        values, errors = check_lead_input(
            data, strict_phone=strict_phone, stage_keys=self._stage_keys()
        )
        if errors:
            field, message = next(iter(errors.items()))
            raise ValidationError(field, message)
        return values

    def _refuse_duplicate(self, session: Session, key: str | None, own_id: int | None) -> None:
        from sqlmodel import select

        from leadtui.storage.models import Lead

        if key is None:
            return
        other = session.exec(select(Lead).where(Lead.email_key == key)).first()
        if other is not None and other.id != own_id:
            name = f"{other.first_name} {other.last_name}".strip() or (other.email or "")
            state = _(" (deleted)") if other.deleted_at is not None else ""
            raise DuplicateEmailError(
                _("This email already belongs to {name}{state}.").format(name=name, state=state),
                existing_id=other.id or 0,
                existing_name=name,
            )

    def add_lead(self, data: LeadInput, *, strict_phone: bool = True) -> Lead:
        """Validate and insert a lead with its first stage change and tags."""
        from leadtui.storage.models import Lead, StageChange

        values = self._check(data, strict_phone=strict_phone)
        tags = values.pop("tags")
        now = self.now()
        with self._session() as session:
            self._refuse_duplicate(session, values["email_key"], None)
            lead = Lead(**values, created_at=now, updated_at=now, stage_changed_at=now)
            session.add(lead)
            session.flush()
            assert lead.id is not None
            session.add(StageChange(lead_id=lead.id, from_stage=None, to_stage=lead.stage, at=now))
            self._set_tags(session, lead.id, tags)
            return lead

    def update_lead(
        self, lead_id: int, expected_version: int, data: LeadInput, *, strict_phone: bool = True
    ) -> Lead:
        """Save an edit made on version ``expected_version``; a stale one raises ConflictError."""
        from leadtui.storage.models import StageChange

        values = self._check(data, strict_phone=strict_phone)
        tags = values.pop("tags")
        now = self.now()
        with self._session() as session:
            lead = self._lead_for_write(session, lead_id, expected_version)
            self._refuse_duplicate(session, values["email_key"], lead_id)
            old_stage = lead.stage
            for name, value in values.items():
                setattr(lead, name, value)
            if lead.stage != old_stage:
                session.add(
                    StageChange(lead_id=lead_id, from_stage=old_stage, to_stage=lead.stage, at=now)
                )
                lead.stage_changed_at = now
            lead.updated_at = now
            lead.version += 1
            self._set_tags(session, lead_id, tags)
            session.add(lead)
            return lead

    def lead_input(self, lead_id: int) -> tuple[LeadInput, int]:
        """The editable fields of a lead and its version (to feed a form or an undo)."""
        from leadtui.domain.lead_input import INPUT_FIELDS

        lead = self.get_lead(lead_id)
        values = {name: getattr(lead, name) for name in INPUT_FIELDS if name != "tags"}
        return sanitize(LeadInput(**values, tags=self.tags_of(lead_id))), lead.version

    def _lead_for_write(self, session: Session, lead_id: int, expected_version: int | None) -> Lead:
        from leadtui.storage.models import Lead

        lead = session.get(Lead, lead_id)
        if lead is None or lead.deleted_at is not None:
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
        if expected_version is not None and lead.version != expected_version:
            raise ConflictError(
                _(
                    "This lead was changed elsewhere (version {actual}, you edited {expected}); "
                    "nothing was overwritten."
                ).format(actual=lead.version, expected=expected_version),
                lead_id,
                expected_version,
                lead.version,
            )
        return lead

    def _touch(self, lead: Lead) -> None:
        lead.updated_at = self.now()
        lead.version += 1

    def delete_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Soft-delete leads; returns the ids actually deleted (for undo)."""
        return self._set_deleted(lead_ids, self.now())

    def restore_leads(self, lead_ids: Sequence[int]) -> list[int]:
        """Undo a soft delete; returns the ids restored."""
        return self._set_deleted(lead_ids, None)

    def _set_deleted(self, lead_ids: Sequence[int], deleted_at: datetime | None) -> list[int]:
        """Soft-delete (at ``deleted_at``) or restore (``None``) the leads not already so."""
        from sqlmodel import col, select

        from leadtui.storage.models import Lead

        deleted = col(Lead.deleted_at)
        not_yet = deleted.is_(None) if deleted_at is not None else deleted.is_not(None)
        with self._session() as session:
            leads = session.exec(
                select(Lead).where(col(Lead.id).in_(list(lead_ids)), not_yet)
            ).all()
            for lead in leads:
                lead.deleted_at = deleted_at
                self._touch(lead)
                session.add(lead)
            return [lead.id for lead in leads if lead.id is not None]

    def delete_lead(self, lead_id: int) -> None:
        """Soft-delete one lead."""
        if not self.delete_leads([lead_id]):
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))

    def restore_lead(self, lead_id: int) -> None:
        """Restore one soft-deleted lead."""
        self.restore_leads([lead_id])

    def move_leads(
        self,
        lead_ids: Sequence[int],
        to_stage: str,
        reason: str = "",
        *,
        expected_versions: dict[int, int] | None = None,
    ) -> list[MoveResult]:
        """Move leads to ``to_stage`` in one transaction; each move writes a StageChange."""
        from leadtui.domain.validation import clean_text
        from leadtui.storage.models import StageChange

        if to_stage not in self._stage_keys():
            raise NotFoundError(_("Unknown stage: {stage}").format(stage=to_stage))
        reason = clean_text(reason, max_length=500, field="reason")
        now = self.now()
        results: list[MoveResult] = []
        with self._session() as session:
            for lead_id in lead_ids:
                expected = (expected_versions or {}).get(lead_id)
                lead = self._lead_for_write(session, lead_id, expected)
                if lead.stage == to_stage:
                    continue
                change = StageChange(
                    lead_id=lead_id, from_stage=lead.stage, to_stage=to_stage, at=now, reason=reason
                )
                session.add(change)
                session.flush()
                assert change.id is not None
                results.append(MoveResult(lead_id, change.id, lead.stage, to_stage))
                lead.stage = to_stage
                lead.stage_changed_at = now
                if to_stage in ("won", "lost"):
                    lead.next_followup_at = None if to_stage == "lost" else lead.next_followup_at
                self._touch(lead)
                session.add(lead)
        return results

    def move_lead(
        self, lead_id: int, to_stage: str, reason: str = "", *, expected_version: int | None = None
    ) -> MoveResult | None:
        """Move one lead; ``None`` if it already was in ``to_stage``."""
        versions = None if expected_version is None else {lead_id: expected_version}
        results = self.move_leads([lead_id], to_stage, reason, expected_versions=versions)
        return results[0] if results else None

    def undo_moves(self, moves: Sequence[MoveResult]) -> None:
        """Revert moves: stage back, their StageChange rows removed. Refuses if moved since."""
        from leadtui.storage.models import Lead, StageChange

        with self._session() as session:
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
                previous = self._read_last_change_at(session, move.lead_id)
                lead.stage = move.from_stage
                lead.stage_changed_at = previous or lead.created_at
                self._touch(lead)
                session.add(lead)

    @staticmethod
    def _read_last_change_at(session: Session, lead_id: int) -> datetime | None:
        from sqlmodel import col, select

        from leadtui.storage.models import StageChange

        last = session.exec(
            select(StageChange)
            .where(StageChange.lead_id == lead_id)
            .order_by(col(StageChange.at).desc(), col(StageChange.id).desc())
        ).first()
        return None if last is None else last.at

    def _tag_id(self, session: Session, name: str, *, create: bool) -> int | None:
        from sqlmodel import select

        from leadtui.storage.models import Tag

        tag = session.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None and create:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        return None if tag is None else tag.id

    def _set_tags(self, session: Session, lead_id: int, names: Iterable[str]) -> None:
        from sqlmodel import col, delete

        from leadtui.storage.models import LeadTag

        session.exec(delete(LeadTag).where(col(LeadTag.lead_id) == lead_id))
        for name in sorted(set(names)):
            tag_id = self._tag_id(session, name, create=True)
            assert tag_id is not None
            session.add(LeadTag(lead_id=lead_id, tag_id=tag_id))
