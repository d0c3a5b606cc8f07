"""A one-line banner on every screen while the database server cannot be reached."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from leadtui.i18n import _

BANNER_ID = "connection-banner"


def banner_text(attempts: int) -> str:
    """What the banner says after ``attempts`` failed tries to reconnect."""
    lost = _("No connection to the database server.")
    kept = _("What you typed stays on screen: save again once this line is gone.")
    if attempts <= 0:
        trying = _("Reconnecting…")
    else:
        trying = _("Reconnecting (attempt {n})…").format(n=attempts + 1)
    return f"{lost} {trying} {kept}"


class ConnectionBanner(Static):
    """Says the connection is lost, that the app retries, and that nothing typed is lost."""

    DEFAULT_CSS = """
    ConnectionBanner { dock: top; height: auto; width: 1fr; background: $error;
        color: $text; text-style: bold; padding: 0 1; }
    """

    def __init__(self, attempts: int = 0) -> None:
        super().__init__(Content(banner_text(attempts)), id=BANNER_ID)

    def show_attempts(self, attempts: int) -> None:
        """Update the retry count shown."""
        self.update(Content(banner_text(attempts)))


def show_connection_banner(screen: Screen[object], attempts: int) -> None:
    """Mount the banner at the top of ``screen`` (once), or update the one shown."""
    shown = screen.query(ConnectionBanner)
    if shown:
        shown.first().show_attempts(attempts)
    else:
        screen.mount(ConnectionBanner(attempts))


def hide_connection_banner(screen: Screen[object]) -> None:
    """Remove the banner from ``screen`` if it shows one."""
    for banner in screen.query(ConnectionBanner):
        banner.remove()
