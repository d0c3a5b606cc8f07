"""Small pickers the lead list uses for bulk actions: a stage and a tag name."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from leadtui.domain.rows import StageInfo
from leadtui.i18n import _
from leadtui.ui.widgets.pick_list import PickList


class StagePickerScreen(ModalScreen[str | None]):
    """Choose a stage; dismisses with its key, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", _("Cancel"), id="picker.cancel"),
    ]

    def __init__(self, title: str, stages: list[StageInfo], current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.stages = stages
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="stage-picker", classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield PickList(
                *(Option(Content(stage.shown_name), id=stage.key) for stage in self.stages),
                id="stages",
            )

    def on_mount(self) -> None:
        """Start on the current stage."""
        options = self.query_one(OptionList)
        keys = [stage.key for stage in self.stages]
        if self.current in keys:
            options.highlighted = keys.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter picks the stage."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class TagPromptScreen(ModalScreen[str | None]):
    """Type a tag name (existing ones are suggested); dismisses with it, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="tag.cancel"),
    ]

    def __init__(self, title: str, known_tags: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.known_tags = known_tags

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-prompt", classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Input(
                placeholder=_("tag name, Enter to apply"),
                suggester=SuggestFromList(self.known_tags, case_sensitive=False),
                id="tag",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter applies the typed tag (blank cancels)."""
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without tagging."""
        self.dismiss(None)
