"""Editing from the lead detail: the list's form, and a stale save becomes a choice.

The form itself only reports a conflict as an error toast; from the detail the
user gets the conflict dialog instead, so the form remembers what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from leadtui.domain.errors import ConflictError, LeadtuiError
from leadtui.domain.rows import LeadInput, StageInfo
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _
from leadtui.ui.screens.conflict_dialog import ConflictDialog
from leadtui.ui.screens.lead_form import LeadFormScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from leadtui.store import LeadStore


class ConflictHost(Protocol):
    """What a conflict needs of the lead detail screen (a protocol: no import of that screen,
    which imports this module)."""

    lead_id: int

    @property
    def app(self) -> App[object]: ...

    @property
    def store(self) -> LeadStore: ...

    @property
    def stage_names(self) -> dict[str, str]: ...

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None: ...

    def remember(self, description: str, revert: Callable[[], object]) -> None: ...

    def reload(self) -> None: ...


class EditLeadForm(LeadFormScreen):
    """:class:`LeadFormScreen` that hands a conflicting edit back in :attr:`conflict`."""

    def __init__(self, stages: list[StageInfo], lead_id: int) -> None:
        super().__init__(stages, lead_id)
        self.conflict: LeadInput | None = None

    def _write(self, data: LeadInput) -> tuple[int, bool]:
        try:
            return super()._write(data)
        except ConflictError:
            # Closing the form normally hands ``data`` to the detail screen's conflict dialog.
            self.conflict = data
            return self.lead_id or 0, False


def resolve_conflict(screen: ConflictHost, mine: LeadInput) -> None:
    """Show both versions and let the user choose; never overwrite silently."""
    try:
        theirs, version = screen.store.lead_input(screen.lead_id)
    except LeadtuiError as error:
        screen.toast(str(error), severity="error")
        return
    dialog = ConflictDialog(mine, theirs, screen.stage_names)
    screen.app.push_screen(dialog, lambda choice: _resolved(screen, choice, mine, theirs, version))


def _resolved(
    screen: ConflictHost, choice: str | None, mine: LeadInput, theirs: LeadInput, version: int
) -> None:
    store, lead_id = screen.store, screen.lead_id
    if choice == "mine":
        try:
            saved = store.update_lead(lead_id, version, mine)
        except ConflictError:
            resolve_conflict(screen, mine)  # changed yet again meanwhile: show the new one
            return
        except (LeadtuiError, ValidationError) as error:
            screen.toast(str(error), severity="error")
        else:
            saved_version = saved.version
            screen.remember(_("edit"), lambda: store.update_lead(lead_id, saved_version, theirs))
            screen.toast(_("Your version was saved."))
    elif choice == "theirs":
        screen.toast(_("Kept the version in the database; your edit was dropped."))
    else:
        screen.toast(_("Nothing was saved."))
    screen.reload()
