"""What the app had open when it switched language, to open it again in the new one.

Switching language ends the app and starts it again on the same store (see
``leadtui.launch.run_app``), because many strings are translated at import. Before it
ends, :func:`capture` notes the view (list, board, agenda) and the leads open on top of
it; the new app calls :func:`restore` once mounted. Dialogs and the import screen are
not reopened (their half-typed content would be stale).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reopen:
    """A language switch: the language, the view, and the leads open over it."""

    language: str
    mode: str
    leads: tuple[int, ...] = ()


def capture(app: Any, language: str) -> Reopen:
    """The view and the open leads of ``app`` (bottom first)."""
    leads = tuple(
        screen.lead_id
        for screen in app.screen_stack
        if type(screen).__name__ == "LeadDetailScreen" and isinstance(screen.lead_id, int)
    )
    return Reopen(language, str(app.current_mode), leads)


def restore(app: Any, reopen: Reopen) -> None:
    """Open the view again, then each lead that was open on it."""
    from leadtui.ui.screens.lead_detail import LeadDetailScreen

    if reopen.mode != app.current_mode:
        app.switch_mode(reopen.mode)
    for lead_id in reopen.leads:
        app.push_screen(LeadDetailScreen(lead_id))
