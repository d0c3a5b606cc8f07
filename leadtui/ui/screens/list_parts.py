"""What the lead list's helpers use of the list screen, as protocols.

:class:`~leadtui.ui.screens.list_actions.ListActions` and
:class:`~leadtui.ui.screens.list_loader.ListLoader` are owned by the list screen;
importing the screen's class for their types would be an import cycle, so they see
it through these protocols and mypy checks each call.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from leadtui.domain.rows import LeadFilter, LeadSort, StageInfo
    from leadtui.store import LeadStore
    from leadtui.ui.screens.base import LeadAppParts
    from leadtui.ui.widgets.lead_table import LeadTable


class ListScreenParts(Protocol):
    """What every list helper reads of the screen."""

    @property
    def screen(self) -> Screen[object]:
        """The screen itself, for Textual's API (workers, queries, pushing screens)."""
        ...

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    @property
    def table(self) -> LeadTable:
        """The lead table."""
        ...

    @property
    def stage_list(self) -> list[StageInfo]:
        """The funnel stages, in order."""
        ...


class ListActionsHost(ListScreenParts, Protocol):
    """What :class:`~leadtui.ui.screens.list_actions.ListActions` uses of the list screen."""

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list, keeping the cursor (or moving it to ``focus_id``)."""
        ...

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """A notification whose text is never parsed as markup."""
        ...

    def open_lead(self, lead_id: int) -> None:
        """Push the lead's detail screen."""
        ...


class ListLoaderHost(ListScreenParts, Protocol):
    """What :class:`~leadtui.ui.screens.list_loader.ListLoader` uses of the list screen."""

    @property
    def filter(self) -> LeadFilter:
        """The filter (and search) the list answers."""
        ...

    @property
    def sort(self) -> LeadSort:
        """The list's sort."""
        ...

    @property
    def lead_app(self) -> LeadAppParts:
        """The running app (its start-up order, :attr:`LeadAppParts.start_up`)."""
        ...

    def now(self) -> datetime:
        """The injected clock's time."""
        ...

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """A notification whose text is never parsed as markup."""
        ...
