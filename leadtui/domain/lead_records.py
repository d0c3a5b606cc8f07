"""A lead's whole record, its timeline and the form's fields.

The shapes the detail and the form read; re-exported by
:mod:`leadtui.domain.rows`, which makes them only when first asked for (the list's first
frame needs none of them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An activity or a stage change, for the detail timeline (newest first)."""

    at: datetime
    kind: str  # "activity" or "stage"
    id: int
    activity_kind: str = ""
    body: str = ""
    from_stage: str | None = None
    to_stage: str | None = None
    reason: str = ""
    edited_at: datetime | None = None
    """When the user last edited this activity (``None``: never)."""
    edited_fields: str = ""
    """What that edit changed: comma-separated ``kind``, ``at``, ``body``."""
    actor: str | None = None
    """Who made the change (``None``: before team mode, or unknown)."""


@dataclass(slots=True)
class LeadInput:
    """Fields for a new lead or an edit; validated by :mod:`leadtui.domain.validation`."""

    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    phone: str | None = None
    company: str = ""
    job_title: str = ""
    website: str = ""
    source: str = "manual"
    campaign: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    consent: bool = False
    stage: str = "new"
    value_cents: int = 0
    currency: str = "EUR"
    score: int | None = None
    next_followup_at: datetime | None = None
    tags: list[str] = field(default_factory=list)


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
    owner: str | None = None
    """Who the lead is assigned to (team mode); ``None``: nobody."""

    @property
    def display_name(self) -> str:
        """First and last name, or the email when both are empty."""
        name = f"{self.first_name} {self.last_name}".strip()
        return name or (self.email or self.phone or "")
