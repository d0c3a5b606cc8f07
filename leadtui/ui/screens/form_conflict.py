"""A form save that met a newer version of the lead: show who changed what, then merge.

Used by :class:`~leadtui.ui.screens.lead_form.LeadFormScreen` in the list and the detail
alike. Keeping one's changes saves only the fields the user changed, on top of the
version just read (changed yet again meanwhile, the dialog comes back); taking theirs
closes the form with nothing saved; Back returns to the form with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.merge import merge_edit
from leadtui.domain.rows import LeadInput, StageInfo
from leadtui.i18n import _
from leadtui.ui.screens.conflict_dialog import ConflictDialog

if TYPE_CHECKING:
    from textual.screen import Screen

    from leadtui.store import LeadStore


def resolve_conflict(
    form: Screen[Any],
    store: LeadStore,
    lead_id: int,
    base: LeadInput,
    stages: list[StageInfo],
    mine: LeadInput,
    *,
    save_merged: Callable[[LeadInput, int, LeadInput], None],
    kept_theirs: Callable[[], object],
) -> None:
    """Open the conflict dialog over ``form`` for the edit ``mine`` of lead ``lead_id``.

    ``base`` is the lead as the form opened it. "Keep my changes" calls
    ``save_merged(theirs, version, merged)``; "Take theirs" tells the user and calls
    ``kept_theirs()``; Back does nothing (the form stays as it is).
    """
    try:
        theirs, version = store.leads.lead_input(lead_id)  # a read by key
    except LeadtuiError as error:
        form.notify(str(error), severity="error", markup=False)
        return
    merge = merge_edit(base, mine, theirs)
    stage_names = {stage.key: stage.shown_name for stage in stages}

    def chosen(choice: str | None) -> None:
        if choice == "merge":
            save_merged(theirs, version, merge.merged)
        elif choice == "theirs":
            form.notify(_("Kept the version in the database; your edit was dropped."), markup=False)
            kept_theirs()

    form.app.push_screen(ConflictDialog(merge, base, stage_names), chosen)
