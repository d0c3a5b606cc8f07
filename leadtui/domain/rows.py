"""Plain, immutable shapes the store hands to screens (no ORM, no Textual)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

from leadtui.domain.filter_query import FilterQuery
from leadtui.domain.lazy_names import lazy_names
from leadtui.domain.money import MoneyTotals
from leadtui.domain.stage_names import shown_stage_name

if TYPE_CHECKING:
    from leadtui.domain.lead_records import LeadDetail as LeadDetail
    from leadtui.domain.lead_records import LeadInput as LeadInput
    from leadtui.domain.lead_records import TimelineEntry as TimelineEntry

Clock = Callable[[], datetime]
"""Returns the current time, aware (UTC). Injected so tests are deterministic."""


class SortKey(StrEnum):
    """Columns the lead list can be sorted by."""

    CREATED = "created"
    NAME = "name"
    COMPANY = "company"
    EMAIL = "email"
    STAGE = "stage"
    SOURCE = "source"
    FOLLOWUP = "followup"
    LAST_ACTIVITY = "last_activity"
    VALUE = "value"
    SCORE = "score"


class FollowUpFilter(StrEnum):
    """Which follow-up dates a list shows."""

    ANY = "any"
    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    NONE = "none"


class LeadSort(msgspec.Struct, frozen=True):
    """A sort order; ties are always broken by id so paging is stable."""

    key: SortKey = SortKey.CREATED
    descending: bool = True


class LeadFilter(msgspec.Struct, frozen=True):
    """What a list or board column shows. Empty tuples mean "any"."""

    stages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    followup: FollowUpFilter = FollowUpFilter.ANY
    search: str = ""
    query: FilterQuery = FilterQuery()
    """A parsed filter (the search box's and ``--filter``'s language), on top of the rest."""

    @property
    def is_empty(self) -> bool:
        """True when nothing narrows the list."""
        return self == LeadFilter()


class LeadRow(msgspec.Struct, frozen=True):
    """One line of the lead list or one card of the board."""

    id: int
    first_name: str
    last_name: str
    company: str
    email: str | None
    stage: str
    source: str
    next_followup_at: datetime | None
    last_activity_at: datetime | None
    stage_changed_at: datetime | None
    created_at: datetime
    value_cents: int
    currency: str
    owner: str | None = None
    """Who the lead is assigned to (team mode); ``None``: nobody."""
    score: int | None = None
    """The lead's score (computed or pinned); ``None`` before any scoring."""

    @property
    def display_name(self) -> str:
        """First and last name, or the email when both are empty."""
        name = f"{self.first_name} {self.last_name}".strip()
        return name or (self.email or "")


class StageInfo(msgspec.Struct, frozen=True):
    """A funnel stage as the UI needs it."""

    key: str
    name: str
    position: int
    kind: str

    @property
    def shown_name(self) -> str:
        """The name as shown (see ``domain.stage_names``): built-in names translated."""
        return shown_stage_name(self.key, self.name)


class StageTotal(msgspec.Struct, frozen=True):
    """How many live leads a stage holds and what they are worth (per currency, never mixed)."""

    stage: StageInfo
    count: int
    values: MoneyTotals


class LeadCounts(msgspec.Struct, frozen=True):
    """The list header: how many leads match, and how many of them are overdue."""

    total: int
    overdue: int
    capped: bool = False


# The detail's and form's shapes (:mod:`.lead_records`), made on first use: building
# their dataclasses cost ~3 ms of every start, before the list's first frame.
__getattr__ = lazy_names(
    globals(),
    "leadtui.domain.lead_records",
    frozenset({"LeadDetail", "LeadInput", "TimelineEntry"}),
)
