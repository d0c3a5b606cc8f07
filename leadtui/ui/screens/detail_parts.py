"""What the lead detail's write helper uses of the detail screen, as a protocol.

:class:`~leadtui.ui.screens.detail_actions.DetailActions` is owned by the detail
screen; importing the screen's class for its types would be an import cycle, so it
sees the screen through :class:`DetailHost` and mypy checks each call.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from leadtui.domain.rows import LeadDetail, StageInfo
    from leadtui.store import LeadStore


class DetailHost(Protocol):
    """What :class:`~leadtui.ui.screens.detail_actions.DetailActions` uses of the detail."""

    @property
    def screen(self) -> Screen[object]:
        """The screen itself, for Textual's API (writes, pushing dialogs, closing)."""
        ...

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    @property
    def lead_id(self) -> int:
        """The lead shown."""
        ...

    @property
    def detail(self) -> LeadDetail | None:
        """The lead as last read (``None`` before the first read)."""
        ...

    @property
    def stages(self) -> list[StageInfo]:
        """The funnel stages, in order."""
        ...

    @property
    def stage_names(self) -> dict[str, str]:
        """Stage key to display name."""
        ...

    def now(self) -> datetime:
        """The injected clock's time."""
        ...

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """Notify without parsing ``message`` as markup."""
        ...

    def reload(self) -> None:
        """Read the lead again and show it."""
        ...
