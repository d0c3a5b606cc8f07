"""The list's lead form, as the detail screen opens it: a stale save becomes a choice.

The form itself only reports a conflict as an error toast; from the detail the
user gets the conflict dialog instead, so the form remembers what was typed.
"""

from __future__ import annotations

from leadtui.errors import ConflictError
from leadtui.rows import LeadInput, StageInfo
from leadtui.screens.lead_form import LeadFormScreen


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
