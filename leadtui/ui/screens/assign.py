"""Assign leads (team mode): the "Assign to" dialog and the write with its undo step.

``@`` on the list (the marked leads, or the one under the cursor) and on the detail opens
:class:`AssignDialog`, filled with the current user's name: Enter assigns to the name
typed (others' names are suggested), an empty name assigns to nobody, Escape cancels.
:func:`assign_leads` runs the write off the UI thread and pushes one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _, ngettext
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from textual.screen import Screen

    from leadtui.store import LeadStore
    from leadtui.store.team import Assignment


@dataclass(frozen=True, slots=True)
class OwnerPick:
    """The dialog's answer: the new owner (``None``: nobody)."""

    owner: str | None


class AssignDialog(ModalScreen[OwnerPick | None]):
    """Type whom to assign to; dismisses with an :class:`OwnerPick`, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="assign.cancel"),
    ]
    DEFAULT_CSS = "AssignDialog { align: center middle; } #assign-hint { color: $text-muted; }"

    def __init__(self, title: str, me: str, owners: Sequence[str]) -> None:
        super().__init__()
        self.title_text = title
        self.me = me
        self.owners = list(owners)

    def compose(self) -> ComposeResult:
        with Vertical(id="assign-dialog", classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Input(
                self.me,
                placeholder=_("a name; empty: nobody"),
                suggester=SuggestFromList([self.me, *self.owners], case_sensitive=False),
                id="owner",
            )
            yield Static(
                Content(_("Enter assigns · empty: nobody · Esc cancels")),
                id="assign-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter assigns to the typed name (empty: nobody)."""
        event.stop()
        self.dismiss(OwnerPick(event.value.strip() or None))

    def action_cancel(self) -> None:
        """Close without assigning."""
        self.dismiss(None)


def assigned_message(done: Assignment) -> str:
    """What a toast says after an assignment."""
    count = len(done.lead_ids)
    if done.owner is None:
        return ngettext(
            "{n} lead is now assigned to nobody.", "{n} leads are now assigned to nobody.", count
        ).format(n=count)
    return ngettext(
        "{n} lead is now assigned to {name}.", "{n} leads are now assigned to {name}.", count
    ).format(n=count, name=done.owner)


def assign_leads(
    screen: Screen[Any],
    store: LeadStore,
    lead_ids: Sequence[int],
    what: str,
    on_done: Callable[[], None],
) -> None:
    """Ask whom to assign ``lead_ids`` (named ``what``) to, then assign them (undoable)."""
    ids = list(lead_ids)
    if not ids:
        return

    def undo(done: Assignment) -> UndoEntry | None:
        if not done.lead_ids:
            return None
        return UndoEntry(
            _("assignment of {what}").format(what=what),
            discard_result(lambda: store.team.restore_owners(done)),
            lead_ids=frozenset(done.lead_ids),
        )

    def finished(done: Assignment) -> None:
        screen.notify(assigned_message(done), markup=False)
        on_done()

    def picked(pick: OwnerPick | None) -> None:
        if pick is not None:
            run_write(
                screen,
                lambda: store.team.assign(ids, pick.owner),
                on_done=finished,
                undo=undo,
                title=_("Not assigned"),
            )

    title = _("Assign {what} to").format(what=what)
    screen.app.push_screen(AssignDialog(title, store.team.me(), store.team.owners()), picked)
