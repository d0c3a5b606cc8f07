"""The detail's "possible duplicates: N" line, read off the UI thread (a few indexed look-ups)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from leadtui.i18n import ngettext
from leadtui.ui.screens.base import StoreScreen

HINT_ID = "duplicate-hint"


def show_duplicate_hint(screen: StoreScreen[Any], lead_id: int) -> None:
    """Count the lead's candidates in a worker, then show (or remove) the line above its fields."""

    def count() -> None:
        try:
            found = len(screen.store.duplicate_candidates(lead_id))
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
