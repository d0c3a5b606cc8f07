"""The enums stored in the database, and the stages a new one starts with (a leaf module).

The import and the CLI need them without paying for the ORM (SQLModel and
SQLAlchemy take most of a second to import).
"""

from __future__ import annotations

from enum import StrEnum

from leadtui.i18n import N_


class StageKind(StrEnum):
    """Whether a stage is still in play, parked (nurturing) or closed.

    Won and Lost semantics belong to the kind, never to a stage's name or key.
    """

    OPEN = "open"
    NURTURE = "nurture"
    """Interested but not ready: a long cadence, its own column, neither open funnel nor lost."""
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
    REPLY = "reply"  # the lead answered (scored as behaviour; see domain.scoring)
    SYSTEM = "system"
    FOLLOWUP = "followup"  # a follow-up set, moved or cleared (not a touch)


DEFAULT_STAGES: tuple[tuple[str, str, StageKind], ...] = (
    # key, name (stored in English, translated where shown: a renamed stage shows as typed), kind
    ("new", N_("New"), StageKind.OPEN),
    ("contacted", N_("Contacted"), StageKind.OPEN),
    ("qualified", N_("Qualified"), StageKind.OPEN),
    ("proposal", N_("Proposal"), StageKind.OPEN),
    ("won", N_("Won"), StageKind.WON),
    ("lost", N_("Lost"), StageKind.LOST),
)

NURTURE_STAGE: tuple[str, str, StageKind] = ("nurturing", N_("Nurturing"), StageKind.NURTURE)
"""The nurturing stage the pipeline settings offer to add (new databases do not start with it)."""
