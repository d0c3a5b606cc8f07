"""AgendaService: the daily nurture loop's writes (touches with a follow-up, cadences).

A follow-up change is recorded as a ``followup`` activity (the new moment and the note,
see :func:`leadtui.domain.agenda.followup_body`), so it shows in the timeline and the
agenda can say what the follow-up is for; it is not a touch, so it leaves the lead's
last-touch time alone. Reads (sections, counts, cadences) go straight to the backend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from leadtui.domain.agenda import followup_body
from leadtui.domain.cadence import (
    FOLLOWED_KINDS,
    Cadence,
    StageCadence,
    check_cadence,
    propose_followup,
    resolve,
)
from leadtui.domain.sanitize import sanitize
from leadtui.i18n import _
from leadtui.store import orm_steps
from leadtui.store.context import StoreContext, unit_of_work
from leadtui.store.touches import check_moment

if TYPE_CHECKING:
    from sqlmodel import Session

KEEP = "keep"
"""Pass as ``followup`` to leave the follow-up as it is."""


@dataclass(frozen=True, slots=True)
class FollowUpChange:
    """What a follow-up change did, for its undo: the previous moment and the entry."""

    lead_id: int
    previous: datetime | None
    entry_id: int | None


@dataclass(frozen=True, slots=True)
class LoggedTouch:
    """A touch logged with its follow-up change (either part may be absent)."""

    lead_id: int
    activity_id: int | None
    followup: FollowUpChange | None


class AgendaService:
    """Touches with follow-ups and stage cadences; each method is one ORM session."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    def cadences(self) -> list[StageCadence]:
        """Every stage with its effective cadence, in funnel order."""
        return sanitize(resolve(self.backend.stages(), self.backend.cadences()))

    def cadence_of(self, stage_key: str) -> Cadence | None:
        """The effective cadence of one stage (``None`` for Won/Lost or an unknown stage)."""
        for found in self.cadences():
            if found.stage.key == stage_key:
                return found.cadence
        return None

    def propose(self, stage_key: str) -> datetime | None:
        """The follow-up a touch now proposes for a lead in ``stage_key``."""
        return propose_followup(self.cadence_of(stage_key), self.context.now())

    @unit_of_work
    def set_cadence(self, stage_key: str, followup_days: int, cold_days: int) -> None:
        """Store a stage's follow-up interval and going-cold limit (days)."""
        from leadtui.domain.validation import ValidationError
        from leadtui.storage.models import Stage, StageCadence

        try:
            cadence = check_cadence(followup_days, cold_days)
        except ValueError as error:
            raise ValidationError("cadence", str(error)) from None
        with self.backend.session() as session:
            stage = session.get(Stage, stage_key)
            if stage is None:
                raise ValidationError("stage", _("Unknown stage: {key}").format(key=stage_key))
            if stage.kind not in FOLLOWED_KINDS:
                raise ValidationError("stage", _("Won and Lost stages have no follow-up cadence."))
            row = session.get(StageCadence, stage_key) or StageCadence(stage_key=stage_key)
            row.followup_days = cadence.followup_days
            row.cold_days = cadence.cold_days
            session.add(row)

    @unit_of_work
    def set_followup(self, lead_id: int, at: datetime | None) -> datetime | None:
        """Set (or clear with ``None``) the next follow-up; returns the previous one.

        The change is recorded in the timeline (see :meth:`schedule_followup`).
        """
        return self.schedule_followup(lead_id, at).previous

    @unit_of_work
    def schedule_followup(
        self, lead_id: int, at: datetime | None, note: str = ""
    ) -> FollowUpChange:
        """Set (or clear) the next follow-up with a note; recorded in the timeline."""
        at = check_moment(at, "next_followup_at")
        note = _clean_note(note)
        with self.backend.session() as session:
            return self._set_followup(session, lead_id, at, note)

    @unit_of_work
    def log_touch(
        self,
        lead_id: int,
        kind: str,
        body: str,
        followup: datetime | None | str = KEEP,
        note: str = "",
    ) -> LoggedTouch:
        """Log a touch and set its follow-up in one transaction (``KEEP`` leaves it)."""
        from leadtui.domain.enums import ActivityKind
        from leadtui.domain.validation import MAX_NOTE, ValidationError, clean_text
        from leadtui.storage.models import Activity

        if kind not in {k.value for k in ActivityKind} or kind == ActivityKind.FOLLOWUP:
            raise ValidationError("kind", _("Unknown activity kind: {kind}").format(kind=kind))
        body = clean_text(body, max_length=MAX_NOTE, multiline=True, field="body")
        moment = None if isinstance(followup, str) else check_moment(followup, "next_followup_at")
        note = _clean_note(note)
        now = self.context.now()
        with self.backend.session() as session:
            lead = orm_steps.lead_for_write(session, lead_id, None)
            activity = Activity(
                lead_id=lead_id, kind=kind, at=now, body=body, actor=self.context.actor()
            )
            session.add(activity)
            if lead.last_activity_at is None or now > lead.last_activity_at:
                lead.last_activity_at = now
            session.add(lead)
            change = None
            if not isinstance(followup, str):
                change = self._set_followup(session, lead_id, moment, note)
            else:
                orm_steps.touch(lead, now)
            self.context.rescore(session, [lead_id])
            return LoggedTouch(lead_id, activity.id, change)

    @unit_of_work
    def undo_touch(self, logged: LoggedTouch) -> None:
        """Take back a :meth:`log_touch`: the activity, the follow-up and its entry."""
        from sqlmodel import col, select

        from leadtui.storage.models import Activity, Lead

        with self.backend.session() as session:
            for activity_id in (logged.activity_id, _entry(logged.followup)):
                found = None if activity_id is None else session.get(Activity, activity_id)
                if found is not None:
                    session.delete(found)
            session.flush()
            lead = session.get(Lead, logged.lead_id)
            if lead is None:
                return
            if logged.followup is not None:
                lead.next_followup_at = logged.followup.previous
            lead.last_activity_at = session.exec(
                select(Activity.at)
                .where(Activity.lead_id == lead.id, col(Activity.kind) != "followup")
                .order_by(col(Activity.at).desc())
            ).first()
            orm_steps.touch(lead, self.context.now())
            session.add(lead)
            self.context.rescore(session, [lead.id])

    @unit_of_work
    def undo_followup(self, change: FollowUpChange) -> None:
        """Take back a :meth:`set_followup`: the previous moment back, the entry gone."""
        self.undo_touch(LoggedTouch(change.lead_id, None, change))

    def _set_followup(
        self, session: Session, lead_id: int, at: datetime | None, note: str
    ) -> FollowUpChange:
        from leadtui.storage.models import Activity

        now = self.context.now()
        lead = orm_steps.lead_for_write(session, lead_id, None)
        previous = lead.next_followup_at
        lead.next_followup_at = at
        orm_steps.touch(lead, now)
        session.add(lead)
        entry = Activity(
            lead_id=lead_id,
            kind="followup",
            at=now,
            body=followup_body(at, note),
            actor=self.context.actor(),
        )
        session.add(entry)
        session.flush()
        return FollowUpChange(lead_id, previous, entry.id)


def _entry(change: FollowUpChange | None) -> int | None:
    return None if change is None else change.entry_id


def _clean_note(note: str) -> str:
    from leadtui.domain.followup_input import MAX_FOLLOWUP_NOTE
    from leadtui.domain.validation import clean_text

    return clean_text(note, max_length=MAX_FOLLOWUP_NOTE, field="note")
