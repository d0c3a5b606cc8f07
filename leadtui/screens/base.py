"""Shared base for screens that read or write leads."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.screen import Screen

from leadtui.store import LeadStore

if TYPE_CHECKING:
    from leadtui.app import LeadApp

ResultType = TypeVar("ResultType")


class StoreScreen(Screen[ResultType], Generic[ResultType]):
    """A screen with typed access to the app's store and clock."""

    @property
    def lead_app(self) -> LeadApp:
        """The running :class:`LeadApp`."""
        return cast("LeadApp", self.app)

    @property
    def store(self) -> LeadStore:
        """The injected store."""
        return self.lead_app.store

    def now(self) -> datetime:
        """The injected clock's time."""
        return self.lead_app.clock()
