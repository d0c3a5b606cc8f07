"""ActivitiesService: the editable timeline (edit or delete an activity, and undo both).

Used as ``store.activities``. A person's own entries (notes, calls, emails, meetings,
form messages) can be corrected; follow-up changes and system events are history
leadtui keeps and are refused. An edit stamps ``edited_at`` and the fields it changed
(``kind``, ``at``, ``body``) so the timeline says "edited 1 Dec: text"; its undo
restores every field, stamps included. A delete keeps the whole row for its undo,
which puts it back under the same id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from leadtui.domain.validation import MAX_NOTE, ValidationError, clean_text
from leadtui.i18n import _
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, unit_of_work
from leadtui.store.touches import check_moment

if TYPE_CHECKING:
    from sqlmodel import Session

    from leadtui.storage.models import Activity

EDITABLE_KINDS = ("note", "call", "email", "meeting", "form")
"""The activity kinds a person may edit or delete (their own words)."""


@dataclass(frozen=True, slots=True)
class ActivityState:
    """Every field of one activity row, to put it back exactly."""

    id: int
    lead_id: int
    kind: str
    at: datetime
    body: str
    edited_at: datetime | None
    edited_fields: str | None


@dataclass(frozen=True, slots=True)
class ActivityEdit:
    """What an edit changed: the row before it, and the field names changed."""

    before: ActivityState
    changed: tuple[str, ...]


class ActivitiesService:
    """Edit and delete timeline activities; each write is one unit of work."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    @unit_of_work
    def edit(
        self,
        activity_id: int,
        *,
        kind: str | None = None,
        body: str | None = None,
        at: datetime | None = None,
    ) -> ActivityEdit | None:
        """Change an activity's kind, text or moment; ``None`` when nothing changed."""
        if kind is not None and kind not in EDITABLE_KINDS:
            raise ValidationError("kind", _("Unknown activity kind: {kind}").format(kind=kind))
        if body is not None:
            body = clean_text(body, max_length=MAX_NOTE, multiline=True, field="body").strip()
        moment = check_moment(at, "at")
        with self.backend.session() as session:
            activity = _editable(session, activity_id)
            before = _state(activity)
            wanted = {"kind": kind, "at": moment, "body": body}
            changed = tuple(
                name
                for name, value in wanted.items()
                if value is not None and value != getattr(activity, name)
            )
            if not changed:
                return None
            if (kind or activity.kind) == "note" and not (
                body if body is not None else activity.body
            ):
                raise ValidationError("body", _("A note needs some text."))
            for name in changed:
                setattr(activity, name, wanted[name])
            activity.edited_at = self.context.now()
            activity.edited_fields = ",".join(changed)
            session.add(activity)
            session.flush()
            self._retouch(session, activity.lead_id)
            return ActivityEdit(before, changed)

    @unit_of_work
    def undo_edit(self, edit: ActivityEdit) -> None:
        """Every field of the activity back as it was before ``edit``."""
        from leadtui.domain.errors import NotFoundError
        from leadtui.storage.models import Activity

        with self.backend.session() as session:
            activity = session.get(Activity, edit.before.id)
            if activity is None:
                raise NotFoundError(_("Nothing to undo: the entry is gone."))
            _apply(activity, edit.before)
            session.add(activity)
            session.flush()
            self._retouch(session, activity.lead_id)

    @unit_of_work
    def delete(self, activity_id: int) -> ActivityState:
        """Remove an activity; returns the whole row, for :meth:`restore`."""
        with self.backend.session() as session:
            activity = _editable(session, activity_id)
            state = _state(activity)
            session.delete(activity)
            session.flush()
            self._retouch(session, state.lead_id)
            return state

    @unit_of_work
    def restore(self, state: ActivityState) -> None:
        """Put a deleted activity back, under its own id."""
        from leadtui.storage.models import Activity

        with self.backend.session() as session:
            orm_steps.lead_for_write(session, state.lead_id, None)
            activity = Activity(id=state.id, lead_id=state.lead_id, kind=state.kind, at=state.at)
            _apply(activity, state)
            session.add(activity)
            session.flush()
            self._retouch(session, state.lead_id)

    def _retouch(self, session: Session, lead_id: int) -> None:
        """The lead's last touch follows its activities (a follow-up change is no touch)."""
        from sqlmodel import col, select

        from leadtui.storage.models import Activity, Lead

        lead = session.get(Lead, lead_id)
        if lead is None:
            return
        lead.last_activity_at = session.exec(
            select(Activity.at)
            .where(Activity.lead_id == lead_id, col(Activity.kind) != "followup")
            .order_by(col(Activity.at).desc())
        ).first()
        orm_steps.touch(lead, self.context.now())
        session.add(lead)


def _editable(session: Session, activity_id: int) -> Activity:
    from leadtui.domain.errors import NotFoundError
    from leadtui.storage.models import Activity, Lead

    activity = session.get(Activity, activity_id)
    lead = None if activity is None else session.get(Lead, activity.lead_id)
    if activity is None or lead is None or lead.deleted_at is not None:
        raise NotFoundError(_("This entry no longer exists."))
    if activity.kind not in EDITABLE_KINDS:
        raise ValidationError(
            "kind", _("Follow-up changes and system events are history; they cannot be edited.")
        )
    return activity


def _state(activity: Activity) -> ActivityState:
    assert activity.id is not None
    return ActivityState(
        activity.id,
        activity.lead_id,
        activity.kind,
        activity.at,
        activity.body,
        activity.edited_at,
        activity.edited_fields,
    )


def _apply(activity: Activity, state: ActivityState) -> None:
    activity.kind = state.kind
    activity.at = state.at
    activity.body = state.body
    activity.edited_at = state.edited_at
    activity.edited_fields = state.edited_fields
