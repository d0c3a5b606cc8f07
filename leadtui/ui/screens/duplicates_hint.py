"""The detail's "possible duplicates: N" line, read off the UI thread (a few indexed look-ups)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from leadtui.domain.errors import DuplicateEmailError
from leadtui.domain.rows import LeadInput
from leadtui.i18n import _, ngettext
from leadtui.store import LeadStore
from leadtui.ui.screens.base import StoreScreen

HINT_ID = "duplicate-hint"


def show_duplicate_hint(screen: StoreScreen[Any], lead_id: int) -> None:
    """Count the lead's candidates in a worker, then show (or remove) the line above its fields."""

    def count() -> None:
        try:
            found = len(screen.store.duplicates.candidates_for(lead_id))
        finally:
            screen.store.release_reader()
        screen.app.call_from_thread(_show, screen, found)

    screen.run_worker(count, thread=True, exclusive=True, group="duplicate-hint")


def _show(screen: StoreScreen[Any], found: int) -> None:
    if not screen.is_attached:
        return
    shown = screen.query(f"#{HINT_ID}")
    if not found:
        shown.remove()
        return
    text = Content(
        ngettext(
            "Possible duplicates: {n} (D to review and merge)",
            "Possible duplicates: {n} (D to review and merge)",
            found,
        ).format(n=found)
    )
    if shown:
        shown.first(Static).update(text)  # a removal would finish only after the mount
        return
    fields = screen.query("#detail-fields")
    if fields:
        fields.first().mount(Static(text, id=HINT_ID, classes="duplicate-hint"), before=0)


def warn_probable_duplicate(store: LeadStore, data: LeadInput, form: object) -> None:
    """Refuse a new lead once when it is probably someone already here (phone, name + company).

    Raised as a :class:`DuplicateEmailError`, so the form shows it as it shows an exact
    email duplicate, with its "open the existing lead" button. Saving the same lead
    again adds it: the warning was seen.
    """
    found = store.duplicates.check_input(data)
    seen = tuple((c.low_id, c.high_id) for c in found)
    if not found or getattr(form, "_duplicates_seen", None) == seen:
        return
    setattr(form, "_duplicates_seen", seen)  # noqa: B010 (the form's own, private)
    existing = found[0].low_id or found[0].high_id
    row = store.reads.lead_row(existing)
    name = row.display_name if row is not None else f"#{existing}"
    raise DuplicateEmailError(
        _("Probably the same person as {name} ({reason}). Save again to add it anyway.").format(
            name=name, reason=found[0].reason
        ),
        existing_id=existing,
        existing_name=name,
    )
