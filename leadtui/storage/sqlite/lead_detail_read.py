"""Everything the lead detail screen shows, read in one go on the stdlib ``sqlite3`` module.

The detail can open before the ORM has been imported (the app warms it in a
worker), so this read stays off SQLModel like the list reads do.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from leadtui.domain.rows import TimelineEntry
from leadtui.domain.timefmt import parse_db_time, parse_optional
from leadtui.storage.sqlite.reads import tags_of

DETAIL_COLUMNS = (
    "id, first_name, last_name, email, phone, company, job_title, website, source, campaign, "
    "utm_source, utm_medium, utm_campaign, consent, consent_at, stage, stage_changed_at, "
    "value_cents, currency, score, next_followup_at, created_at, updated_at, "
    "last_activity_at, version, deleted_at"
)

TIMELINE_LIMIT = 500
"""The detail shows at most this many activities and as many stage changes."""


@dataclass(frozen=True, slots=True)
class LeadDetail:
    """One lead with every field, its tags and its timeline (newest first)."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    company: str
    job_title: str
    website: str
    source: str
    campaign: str
    utm_source: str
    utm_medium: str
    utm_campaign: str
    consent: bool
    consent_at: datetime | None
    stage: str
    stage_changed_at: datetime | None
    value_cents: int
    currency: str
    score: int | None
    next_followup_at: datetime | None
    created_at: datetime
    updated_at: datetime
    last_activity_at: datetime | None
    version: int
    deleted: bool
    tags: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()

    @property
    def display_name(self) -> str:
        """First and last name, or the email when both are empty."""
        name = f"{self.first_name} {self.last_name}".strip()
        return name or (self.email or self.phone or "")


def read_timeline(conn: sqlite3.Connection, lead_id: int, limit: int) -> list[TimelineEntry]:
    """Up to ``limit`` activities and ``limit`` stage changes of a lead, newest first."""
    entries = [
        TimelineEntry(
            at=parse_db_time(at), kind="activity", id=row_id, activity_kind=kind, body=body
        )
        for row_id, kind, at, body in conn.execute(
            "SELECT id, kind, at, body FROM activity WHERE lead_id = ? "
            "ORDER BY at DESC, id DESC LIMIT ?",
            (lead_id, limit),
        )
    ]
    entries += [
        TimelineEntry(
            at=parse_db_time(at),
            kind="stage",
            id=row_id,
            from_stage=from_stage,
            to_stage=to_stage,
            reason=reason,
        )
        for row_id, from_stage, to_stage, at, reason in conn.execute(
            "SELECT id, from_stage, to_stage, at, reason FROM stagechange WHERE lead_id = ? "
            "ORDER BY at DESC, id DESC LIMIT ?",
            (lead_id, limit),
        )
    ]
    entries.sort(key=lambda entry: (entry.at, entry.kind == "stage", entry.id), reverse=True)
    return entries


def read_lead_detail(
    conn: sqlite3.Connection, lead_id: int, limit: int = TIMELINE_LIMIT
) -> LeadDetail | None:
    """The lead (deleted ones too, flagged), or ``None`` when the id does not exist."""
    row = conn.execute(f"SELECT {DETAIL_COLUMNS} FROM lead WHERE id = ?", (lead_id,)).fetchone()
    if row is None:
        return None
    (
        id_,
        first,
        last,
        email,
        phone,
        company,
        job_title,
        website,
        source,
        campaign,
        utm_source,
        utm_medium,
        utm_campaign,
        consent,
        consent_at,
        stage,
        stage_changed_at,
        value_cents,
        currency,
        score,
        next_followup_at,
        created_at,
        updated_at,
        last_activity_at,
        version,
        deleted_at,
    ) = row
    return LeadDetail(
        id=id_,
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        company=company,
        job_title=job_title,
        website=website,
        source=source,
        campaign=campaign,
        utm_source=utm_source,
        utm_medium=utm_medium,
        utm_campaign=utm_campaign,
        consent=bool(consent),
        consent_at=parse_optional(consent_at),
        stage=stage,
        stage_changed_at=parse_optional(stage_changed_at),
        value_cents=value_cents,
        currency=currency,
        score=score,
        next_followup_at=parse_optional(next_followup_at),
        created_at=parse_db_time(created_at),
        updated_at=parse_db_time(updated_at),
        last_activity_at=parse_optional(last_activity_at),
        version=version,
        deleted=deleted_at is not None,
        tags=tuple(tags_of(conn, lead_id)),
        timeline=tuple(read_timeline(conn, lead_id, limit)),
    )
