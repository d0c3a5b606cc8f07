"""Editing from the lead detail: the list's form, and a stale save becomes a choice.

The form itself only reports a conflict as an error toast; from the detail the
user gets the conflict dialog instead, so the form remembers what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from leadtui.domain.errors import ConflictError, LeadtuiError
from leadtui.domain.rows import LeadInput, StageInfo
from leadtui.domain.undo import UndoEntry
from leadtui.i18n import _
from leadtui.ui.screens.conflict_dialog import ConflictDialog
from leadtui.ui.screens.lead_form import LeadFormScreen, Saved, lead_input_name
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

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

    @property
    def screen(self) -> Screen[object]: ...

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None: ...

    def reload(self) -> None: ...


class EditLeadForm(LeadFormScreen):
    """:class:`LeadFormScreen` that hands a conflicting edit back in :attr:`conflict`."""

    def __init__(self, stages: list[StageInfo], lead_id: int) -> None:
        super().__init__(stages, lead_id)
        self.conflict: LeadInput | None = None

    def _write(self, data: LeadInput) -> Saved:
        try:
            return super()._write(data)
        except ConflictError:
            # Closing the form normally hands ``data`` to the detail screen's conflict dialog.
            return Saved(self.lead_id or 0, False, None, conflict=data)

    def _saved(self, saved: Saved) -> None:
        self.conflict = saved.conflict
        super()._saved(saved)


def resolve_conflict(screen: ConflictHost, mine: LeadInput) -> None:
    """Show both versions and let the user choose; never overwrite silently."""
    try:
        theirs, version = screen.store.lead_input(screen.lead_id)
    except LeadtuiError as error:
        screen.toast(str(error), severity="error")
        return
    dialog = ConflictDialog(mine, theirs, screen.stage_names)
    screen.app.push_screen(dialog, lambda choice: _resolved(screen, choice, mine, theirs, version))


def _revert(store: LeadStore, lead_id: int, version: int, theirs: LeadInput) -> None:
    store.update_lead(lead_id, version, theirs)


def _resolved(
    screen: ConflictHost, choice: str | None, mine: LeadInput, theirs: LeadInput, version: int
) -> None:
    store, lead_id = screen.store, screen.lead_id
    if choice == "mine":

        def failed(error: LeadtuiError) -> bool:
            if isinstance(error, ConflictError):
                resolve_conflict(screen, mine)  # changed yet again meanwhile: show the new one
                return True
            screen.reload()
            return False

        def saved(_version: int) -> None:
            screen.toast(_("Your version was saved."))
            screen.reload()

        run_write(
            screen.screen,
            lambda: store.update_lead(lead_id, version, mine).version,
            on_done=saved,
            on_error=failed,
            undo=lambda saved_version: UndoEntry(
                _("edit ({name})").format(name=lead_input_name(mine)),
                lambda: _revert(store, lead_id, saved_version, theirs),
                lead_ids=frozenset({lead_id}),
            ),
        )
        return
    elif choice == "theirs":
        screen.toast(_("Kept the version in the database; your edit was dropped."))
    else:
        screen.toast(_("Nothing was saved."))
    screen.reload()
