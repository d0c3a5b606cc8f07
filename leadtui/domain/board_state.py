"""What one board column holds in memory: a page cache over the store (no Textual here).

A column shows the leads of one stage, newest first (the store's CREATED order,
served by the ``(stage, created_at, id)`` index). ``loaded`` is always an exact
prefix of that order, so the next page is simply ``offset=len(loaded)``. Leads
moved in during this session are ``pinned`` at the top so the card can follow
the cursor, wherever the lead sorts; paging skips them when it reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import LeadRow, StageInfo
from leadtui.domain.timefmt import day_bounds
from leadtui.i18n import _

PAGE_SIZE = 40
"""Cards fetched per page of a column."""


def _key(row: LeadRow) -> tuple[datetime, int]:
    return (row.created_at, row.id)


@dataclass(slots=True)
class ColumnState:
    """The loaded cards of one stage, its counts and the cursor."""

    stage: StageInfo
    total: int | None = None
    values: MoneyTotals | None = None
    """What the stage's leads are worth, per currency (``None`` while unknown)."""
    loaded: list[LeadRow] = field(default_factory=list)
    pinned: list[LeadRow] = field(default_factory=list)
    complete: bool = False
    cursor: int = 0
    _cards: list[LeadRow] | None = None

    @property
    def cards(self) -> list[LeadRow]:
        """Pinned cards first, then the loaded prefix without them."""
        if self._cards is None:
            pinned_ids = {row.id for row in self.pinned}
            self._cards = [*self.pinned, *(r for r in self.loaded if r.id not in pinned_ids)]
        return self._cards

    @property
    def next_offset(self) -> int:
        """Where the next page starts in the store's order."""
        return len(self.loaded)

    @property
    def more(self) -> int:
        """How many cards exist beyond the loaded ones (0 while the total is unknown)."""
        if self.total is None:
            return 0
        return max(0, self.total - len(self.cards))

    @property
    def current(self) -> LeadRow | None:
        """The card under the cursor."""
        cards = self.cards
        return cards[self.cursor] if 0 <= self.cursor < len(cards) else None

    def reset(self, rows: list[LeadRow], limit: int) -> None:
        """Start over with a first page (after a filter change or a reload)."""
        self.loaded = list(rows)
        self.pinned = []
        self.complete = len(rows) < limit
        self._cards = None
        self.clamp()

    def add_page(self, rows: list[LeadRow], limit: int) -> None:
        """Append the page that starts at :attr:`next_offset`."""
        known = {row.id for row in self.loaded}
        self.loaded.extend(row for row in rows if row.id not in known)
        self.complete = len(rows) < limit
        self._cards = None

    def index_of(self, lead_id: int) -> int | None:
        """Position of a lead among the cards."""
        for index, row in enumerate(self.cards):
            if row.id == lead_id:
                return index
        return None

    def take(self, lead_id: int) -> LeadRow | None:
        """Remove a lead that left this stage; counts follow (−1, −value)."""
        row = next((r for r in self.cards if r.id == lead_id), None)
        if row is None:
            return None
        self.pinned = [r for r in self.pinned if r.id != lead_id]
        self.loaded = [r for r in self.loaded if r.id != lead_id]
        self._cards = None
        if self.total is not None:
            self.total = max(0, self.total - 1)
        if self.values is not None:
            self.values = self.values.add(row.currency, -row.value_cents)
        self.clamp()
        return row

    def arrive(self, row: LeadRow) -> int:
        """Add a lead that moved into this stage at the top; returns its card index (0)."""
        self.pinned.insert(0, row)
        within = self.complete or (bool(self.loaded) and _key(row) > _key(self.loaded[-1]))
        if within:
            position = next(
                (i for i, r in enumerate(self.loaded) if _key(r) < _key(row)), len(self.loaded)
            )
            self.loaded.insert(position, row)
        self._cards = None
        if self.total is not None:
            self.total += 1
        if self.values is not None:
            self.values = self.values.add(row.currency, row.value_cents)
        self.cursor = 0
        return 0

    def replace_row(self, row: LeadRow) -> None:
        """Show ``row`` (fresh from the store) in place of the card with its id."""
        self.pinned = [row if r.id == row.id else r for r in self.pinned]
        self.loaded = [row if r.id == row.id else r for r in self.loaded]
        self._cards = None

    def clamp(self) -> None:
        """Keep the cursor on a card."""
        self.cursor = max(0, min(self.cursor, len(self.cards) - 1))


def followup_badge(at: datetime | None, now: datetime) -> str:
    """ "overdue", "today" or "" for a card's follow-up date (local day of ``now``)."""
    if at is None:
        return ""
    start, end = day_bounds(now)
    if at < start:
        return "overdue"
    return "today" if at < end else ""


def days_in_stage(row: LeadRow, now: datetime) -> int:
    """Whole days since the lead entered its stage."""
    since = row.stage_changed_at or row.created_at
    return max(0, (now - since).days)


def days_text(days: int) -> str:
    """ "3d in stage"."""
    return _("{days}d in stage").format(days=days)
