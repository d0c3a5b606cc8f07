"""TagsDialog: add tags (completed from existing ones) and remove tags of one lead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, Static

from leadtui.i18n import _
from leadtui.ui.widgets.pick_list import PickList


@dataclass(frozen=True, slots=True)
class TagChanges:
    """Tags to add and to remove."""

    add: tuple[str, ...]
    remove: tuple[str, ...]


class TagsDialog(ModalScreen[TagChanges | None]):
    """Enter in the box adds a tag; Enter or Delete on a tag marks it for removal.

    Enter on an empty box (or Ctrl+S) applies the changes; Esc drops them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", _("Apply"), id="tags.apply"),
        Binding("escape", "cancel", _("Cancel"), id="tags.cancel"),
    ]

    def __init__(self, current: list[str], known: list[str]) -> None:
        super().__init__()
        self.current = list(current)
        self.known = known
        self.added: list[str] = []
        self.removed: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-dialog", classes="dialog"):
            yield Static(Content(_("Tags")), classes="dialog-title")
            yield Label(_("Add a tag (→ completes, Enter adds; Enter on empty applies):"))
            yield Input(
                placeholder=_("tag name"),
                id="tag-input",
                max_length=60,
                suggester=SuggestFromList(self.known, case_sensitive=False),
            )
            yield Label(_("Tags on this lead (Enter or Delete marks for removal):"))
            yield PickList(id="tag-list")
            yield Static(Content(_("Ctrl+S apply · Esc cancel")), id="tags-help")

    def on_mount(self) -> None:
        """Show the tags and put the cursor in the box."""
        self._refresh_list()
        self.query_one(Input).focus()

    def _all(self) -> list[str]:
        return [*self.current, *(tag for tag in self.added if tag not in self.current)]

    def _refresh_list(self) -> None:
        tags = self._all()
        shown = self.query_one(OptionList)
        highlighted = shown.highlighted
        shown.clear_options()
        for tag in tags:
            label = Text(tag)
            if tag in self.removed:
                label.stylize("strike dim")
                label.append(_("  (remove)"), style="red")
            elif tag in self.added:
                label.append(_("  (new)"), style="green")
            shown.add_option(label)
        if tags:
            shown.highlighted = min(highlighted or 0, len(tags) - 1)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Add the typed tag, or apply when the box is empty."""
        event.stop()
        name = event.value.strip()
        if not name:
            self.action_apply()
            return
        if name in self.removed:
            self.removed.discard(name)
        elif name not in self._all():
            self.added.append(name)
        event.input.value = ""
        self._refresh_list()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Toggle removal of the chosen tag."""
        event.stop()
        self._toggle(event.option_index)

    def on_key(self, event: events.Key) -> None:
        """Delete on the list toggles removal too."""
        shown = self.query_one(OptionList)
        if event.key == "delete" and shown.has_focus and shown.highlighted is not None:
            self._toggle(shown.highlighted)

    def _toggle(self, index: int) -> None:
        tag = self._all()[index]
        if tag in self.added:
            self.added.remove(tag)
        elif tag in self.removed:
            self.removed.discard(tag)
        else:
            self.removed.add(tag)
        self._refresh_list()

    def action_apply(self) -> None:
        """Close with the changes (``None`` if there are none)."""
        changes = TagChanges(tuple(self.added), tuple(sorted(self.removed)))
        self.dismiss(changes if changes.add or changes.remove else None)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
