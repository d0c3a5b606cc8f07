"""The enums stored in the database, and the stages a new one starts with (a leaf module).

The import and the CLI need them without paying for the ORM (SQLModel and
SQLAlchemy take most of a second to import).
"""

from __future__ import annotations

from enum import StrEnum


class StageKind(StrEnum):
    """Whether a stage is still in play or closed."""

    OPEN = "open"
    WON = "won"
    LOST = "lost"


class LeadSource(StrEnum):
    """Where a lead came from."""

    LANDING_PAGE = "landing_page"
    CONTENT_DOWNLOAD = "content_download"
    NEWSLETTER = "newsletter"
    EVENT = "event"
    ADS = "ads"
    SOCIAL = "social"
    REFERRAL = "referral"
    IMPORT = "import"
    MANUAL = "manual"
    OTHER = "other"


class ActivityKind(StrEnum):
    """What kind of touch an activity records."""

    NOTE = "note"
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    FORM = "form"
    SYSTEM = "system"


DEFAULT_STAGES: tuple[tuple[str, str, StageKind], ...] = (
    # key, name (translated where shown), kind
    ("new", "New", StageKind.OPEN),
    ("contacted", "Contacted", StageKind.OPEN),
    ("qualified", "Qualified", StageKind.OPEN),
    ("proposal", "Proposal", StageKind.OPEN),
    ("won", "Won", StageKind.WON),
    ("lost", "Lost", StageKind.LOST),
)
