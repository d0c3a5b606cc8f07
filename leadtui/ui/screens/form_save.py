"""What the lead form's Save writes, in the write worker: a new lead, or an edit.

Both push one undo step; an edit made on an outdated version comes back as a conflict
for the form to resolve on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leadtui.domain.errors import ConflictError
from leadtui.domain.rows import LeadInput
from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _
from leadtui.ui.screens.duplicates_hint import warn_probable_duplicate
from leadtui.ui.screens.form_fields import lead_input_name

if TYPE_CHECKING:
    from leadtui.store import LeadStore


@dataclass(frozen=True, slots=True)
class Saved:
    """What a save wrote (in the worker): the lead, whether it is new, its undo step."""

    lead_id: int
    created: bool
    undo: UndoEntry | None
    conflict: LeadInput | None = None


@dataclass(frozen=True, slots=True)
class FormResult:
    """What the form did: saved ``lead_id``, or the user wants to open ``open_id``."""

    lead_id: int | None = None
    open_id: int | None = None
    created: bool = False
    kept_theirs: bool = False
    """The lead changed elsewhere and the user took that version: nothing was saved."""


def write_lead(
    store: LeadStore,
    lead_id: int | None,
    version: int,
    before: LeadInput,
    data: LeadInput,
    form: object,
) -> Saved:
    """Add ``data`` (``lead_id`` None) or save it over version ``version`` of the lead.

    ``before`` is what the form opened with (the undo of an edit puts it back); ``form``
    is the screen a probable duplicate is reported to.
    """
    if lead_id is None:
        warn_probable_duplicate(store, data, form)
        lead = store.leads.add_lead(data)
        new_id = lead.id or 0
        undo = UndoEntry(
            _("new lead {name}").format(name=lead_input_name(data)),
            discard_result(lambda: store.leads.delete_leads([new_id])),
            lead_ids=frozenset({new_id}),
        )
        return Saved(new_id, True, undo)
    try:
        saved = store.leads.update_lead(lead_id, version, data)
    except ConflictError:
        return Saved(lead_id, False, None, conflict=data)  # the user chooses, on the UI thread
    saved_version = saved.version

    def revert() -> None:
        store.leads.update_lead(lead_id, saved_version, before)

    return Saved(
        lead_id,
        False,
        UndoEntry(
            _("edit of {name}").format(name=lead_input_name(data)),
            revert,
            lead_ids=frozenset({lead_id}),
        ),
    )
