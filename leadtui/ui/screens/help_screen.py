"""ScreenHelpDialog: a screen's own F1 help (plain text, never markup)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class ScreenHelpDialog(ModalScreen[None]):
    """Shows the help text; F1, Esc or q close it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", show=False, id="help.close"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="screen-help", classes="dialog"):
            yield Static(Text(self.text))

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
