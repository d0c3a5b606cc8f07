"""A form save that met a newer version of the lead: show who changed what, then merge.

Used by :class:`~leadtui.ui.screens.lead_form.LeadFormScreen` in the list and the detail
alike. Keeping one's changes saves only the fields the user changed, on top of the
version just read (changed yet again meanwhile, the dialog comes back); taking theirs
closes the form with nothing saved; Back returns to the form with what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.merge import merge_edit
from leadtui.domain.rows import LeadInput
from leadtui.i18n import _
from leadtui.ui.screens.conflict_dialog import ConflictDialog

if TYPE_CHECKING:
    from leadtui.ui.screens.lead_form import LeadFormScreen


def resolve_conflict(form: LeadFormScreen, mine: LeadInput) -> None:
    """Open the conflict dialog over ``form`` for the edit ``mine``."""
    from leadtui.ui.screens.lead_form import FormResult

    if form.lead_id is None:
        return
    try:
        theirs, version = form.store.lead_input(form.lead_id)  # a read by key
    except LeadtuiError as error:
        form.notify(str(error), severity="error", markup=False)
        return
    base = form.original
    merge = merge_edit(base, mine, theirs)
    stage_names = {stage.key: _(stage.name) for stage in form.stages}

    def chosen(choice: str | None) -> None:
        if choice == "merge":
            form.save_merged(theirs, version, merge.merged)
        elif choice == "theirs":
            form.notify(_("Kept the version in the database; your edit was dropped."), markup=False)
            form.dismiss(FormResult(lead_id=form.lead_id, kept_theirs=True))

    form.app.push_screen(ConflictDialog(merge, base, stage_names), chosen)
