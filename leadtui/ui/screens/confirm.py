"""ConfirmScreen: a yes/no question before anything destructive happens."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from leadtui.i18n import _


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with ``True`` only when the user confirms (button or ``y``).

    ``body`` is shown as plain text (a ``str`` is never parsed as markup), so
    names with brackets are safe to put in it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", _("Confirm"), id="confirm.yes"),
        Binding("escape,n,q", "cancel", _("Cancel"), id="confirm.no"),
    ]

    def __init__(self, title: str, body: str | Text, confirm_label: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        body = Content(self.body) if isinstance(self.body, str) else self.body
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(body, id="confirm-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(Content(f"{self.confirm_label} (y)"), variant="error", id="confirm")

    def on_mount(self) -> None:
        """Cancel has the focus, so Enter alone never destroys anything."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Either button closes the dialog with its answer."""
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)
