"""Shared base for screens that read or write leads."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, Protocol, TypeVar, cast

from textual.screen import Screen

from leadtui.domain.rows import Clock
from leadtui.domain.undo import UndoHistory
from leadtui.store import LeadStore
from leadtui.ui.writes import WriteQueue

ResultType = TypeVar("ResultType")


class LeadAppParts(Protocol):
    """What screens use of the running :class:`~leadtui.ui.app.LeadApp`.

    A protocol, so screens need not import the app module (which imports them).
    """

    store: LeadStore
    clock: Clock
    undo_history: UndoHistory
    writes: WriteQueue


class StoreScreen(Screen[ResultType], Generic[ResultType]):
    """A screen with typed access to the app's store and clock."""

    @property
    def lead_app(self) -> LeadAppParts:
        """The running :class:`~leadtui.ui.app.LeadApp`."""
        return cast(LeadAppParts, self.app)

    @property
    def store(self) -> LeadStore:
        """The injected store."""
        return self.lead_app.store

    @property
    def writes_idle(self) -> bool:
        """True when no write of the app runs or waits (part of each ``up_to_date``)."""
        return not self.lead_app.writes.busy

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.lead_app.clock()
