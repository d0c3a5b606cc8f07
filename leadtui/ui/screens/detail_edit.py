"""Editing from the lead detail: the list's form, conflicts and all.

A save that meets a newer version of the lead opens the conflict dialog from the form
itself (:meth:`~leadtui.ui.screens.lead_form.LeadFormScreen._resolve`), in the list and
in the detail alike: it shows who changed which field and merges only the user's.
"""

from __future__ import annotations

from leadtui.ui.screens.lead_form import LeadFormScreen


class EditLeadForm(LeadFormScreen):
    """:class:`LeadFormScreen` opened on the detail's lead."""
