"""A one-line banner on every full screen while the database is open read-only."""

from __future__ import annotations

from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from leadtui.i18n import _


class ReadOnlyBanner(Static):
    """Says the database is read-only and edits are disabled."""

    DEFAULT_CSS = """
    ReadOnlyBanner { height: 1; width: 1fr; background: $warning; color: $background;
        text-style: bold; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__(
            Content(
                _(
                    "Read-only: this database file or its folder is not writable; "
                    "edits are disabled."
                )
            ),
            id="read-only-banner",
        )


def show_read_only_banner(screen: Screen[object]) -> None:
    """Mount the banner at the top of ``screen`` (once; never on dialogs)."""
    if isinstance(screen, ModalScreen) or screen.query(ReadOnlyBanner):
        return
    screen.mount(ReadOnlyBanner(), before=0 if screen.children else None)
