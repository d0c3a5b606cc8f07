"""FilterScreen: narrow the lead list by stage, source, tag and follow-up."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet, SelectionList, Static

from leadtui.domain.formatting import FOLLOWUP_LABELS
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import FollowUpFilter, LeadFilter, StageInfo
from leadtui.domain.sources import SOURCES, source_label
from leadtui.i18n import _


class FilterScreen(ModalScreen[LeadFilter | None]):
    """Dismisses with the new filter (search text kept), or ``None`` on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="filter.cancel"),
        Binding("ctrl+s", "apply", _("Apply"), id="filter.apply"),
    ]

    def __init__(
        self,
        current: LeadFilter,
        stages: list[StageInfo],
        tags: list[str],
        *,
        show_stages: bool = True,
    ) -> None:
        super().__init__()
        self.current = current
        self.stages = stages
        self.tags = tags
        self.show_stages = show_stages
        """False on the board, whose columns are the stages."""

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-dialog", classes="dialog"):
            yield Static(Content(_("Filter leads")), classes="dialog-title")
            with Horizontal(id="filter-columns"):
                if self.show_stages:
                    with Vertical():
                        yield Label(_("Stage"))
                        yield SelectionList[str](
                            *(
                                (Content(s.shown_name), s.key, s.key in self.current.stages)
                                for s in self.stages
                            ),
                            id="filter-stages",
                        )
                with Vertical():
                    yield Label(_("Source"))
                    yield SelectionList[str](
                        *(
                            (Content(source_label(source)), source, source in self.current.sources)
                            for source in SOURCES
                        ),
                        id="filter-sources",
                    )
                with Vertical():
                    yield Label(_("Tag"))
                    yield SelectionList[str](
                        *((Content(tag), tag, tag in self.current.tags) for tag in self.tags),
                        id="filter-tags",
                    )
                with Vertical():
                    yield Label(_("Follow-up"))
                    with RadioSet(id="filter-followup"):
                        for value, label in FOLLOWUP_LABELS.items():
                            yield RadioButton(
                                label, value=value is self.current.followup, name=value.value
                            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Clear"), id="clear")
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Apply (ctrl+s)"), variant="primary", id="apply")

    def chosen(self) -> LeadFilter:
        """The filter the dialog shows now."""
        followup = FollowUpFilter.ANY
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is not None and pressed.name:
            followup = FollowUpFilter(pressed.name)
        stages = self.current.stages
        if self.show_stages:
            stages = tuple(self.query_one("#filter-stages", SelectionList).selected)
        return replace(
            self.current,
            stages=stages,
            sources=tuple(self.query_one("#filter-sources", SelectionList).selected),
            tags=tuple(self.query_one("#filter-tags", SelectionList).selected),
            followup=followup,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply, clear (keeps the search) or cancel."""
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.dismiss(LeadFilter(search=self.current.search, query=self.current.query))
        else:
            self.dismiss(None)

    def action_apply(self) -> None:
        """Close with the chosen filter."""
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        """Close without changing the filter."""
        self.dismiss(None)
