"""CompactFooter: Textual's compact footer, without restyling every key after it mounts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CompactFooter(Footer):
    """``Footer(compact=True)`` whose keys carry their ``-compact`` class from the start.

    Textual's footer keys start without it and add it once mounted, which restyles each
    key after every recompose (a few per start): ~10 ms before the first frame. Born
    with the class, the key's own watcher finds nothing to change; the look is the same.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)

    def compose(self) -> ComposeResult:
        """Textual's keys, each with the compact class already set."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget
