"""ConflictDialog: the lead changed elsewhere while you edited it; choose which version wins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from leadtui.domain.formatting import followup_date_text
from leadtui.domain.merge import Merge
from leadtui.domain.money import format_money
from leadtui.domain.rows import LeadInput
from leadtui.i18n import _


def field_labels() -> dict[str, str]:
    """Each LeadInput field with its translated label, in form order."""
    return {
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "email": _("Email"),
        "phone": _("Phone"),
        "company": _("Company"),
        "job_title": _("Job title"),
        "website": _("Website"),
        "source": _("Source"),
        "campaign": _("Campaign"),
        "utm_source": _("UTM source"),
        "utm_medium": _("UTM medium"),
        "utm_campaign": _("UTM campaign"),
        "consent": _("Consent"),
        "stage": _("Stage"),
        "value_cents": _("Value"),
        "currency": _("Currency"),
        "score": _("Score"),
        "next_followup_at": _("Next follow-up"),
        "tags": _("Tags"),
    }


def shown_value(data: LeadInput, name: str, stage_names: Mapping[str, str]) -> str:
    """A field of ``data`` as plain text."""
    value = getattr(data, name)
    if name == "value_cents":
        return format_money(data.value_cents, data.currency) if data.value_cents else ""
    if name == "next_followup_at":
        return followup_date_text(data.next_followup_at)
    if name == "tags":
        return ", ".join(sorted(data.tags))
    if name == "consent":
        return _("yes") if value else _("no")
    if name == "stage":
        return stage_names.get(data.stage, data.stage)
    return "" if value is None else str(value)


def comparison(merge: Merge, base: LeadInput, stage_names: Mapping[str, str]) -> Table:
    """Field by field: as you opened it, yours, and the database's now; what a merge saves.

    A field is marked by who changed it: "you", "them", or "both" (yours is saved).
    """
    table = Table(expand=True, show_edge=False, pad_edge=False)
    table.add_column(_("Field"), style="dim", no_wrap=True)
    table.add_column(_("Changed by"), no_wrap=True)
    table.add_column(_("When you opened it"), overflow="fold", ratio=1)
    table.add_column(_("Yours"), overflow="fold", ratio=1)
    table.add_column(_("In the database now"), overflow="fold", ratio=1)
    for name, label in field_labels().items():
        mine, theirs = name in merge.mine, name in merge.theirs
        if not (mine or theirs):
            continue
        who = _("both") if mine and theirs else _("you") if mine else _("them")
        saved_mine = mine  # a merge saves yours for every field you changed
        table.add_row(
            Text(label),
            Text(who, style="bold yellow" if mine and theirs else ""),
            Text(shown_value(base, name, stage_names) or "—", style="dim"),
            Text(
                shown_value(merge.merged if mine else base, name, stage_names) or "—",
                style="bold" if saved_mine else "dim",
            ),
            Text(
                shown_value(merge.current, name, stage_names) or "—",
                style="dim" if saved_mine else "bold",
            ),
        )
    return table


class ConflictDialog(ModalScreen[str | None]):
    """Dismisses with "merge" (your changes over the new version), "theirs", or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k,m", "choose('merge')", _("Keep my changes"), id="conflict.mine"),
        Binding("t", "choose('theirs')", _("Take theirs"), id="conflict.theirs"),
        Binding("escape", "cancel", _("Back to the form"), id="conflict.cancel"),
    ]

    def __init__(self, merge: Merge, base: LeadInput, stage_names: Mapping[str, str]) -> None:
        super().__init__()
        self.merge = merge
        self.base = base
        self.stage_names = stage_names

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-dialog", classes="dialog"):
            yield Static(Content(_("This lead was changed elsewhere")), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "Someone (or another leadtui) saved this lead while you were editing it. "
                        "Nothing has been overwritten. Keeping your changes saves only the "
                        "fields you changed (bold under Yours); the others keep their new values."
                    )
                ),
                id="conflict-help",
            )
            with VerticalScroll(id="conflict-scroll"):
                yield Static(
                    comparison(self.merge, self.base, self.stage_names), id="conflict-table"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Back (esc)"), id="cancel", compact=True)
                yield Button(_("Take theirs (t)"), id="theirs", compact=True)
                yield Button(_("Keep my changes (k)"), variant="warning", id="merge", compact=True)

    def on_mount(self) -> None:
        """Nothing is chosen by a stray Enter: Back has the focus."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A choice by button."""
        event.stop()
        if event.button.id in ("merge", "theirs"):
            self.dismiss(event.button.id)
        else:
            self.dismiss(None)

    def action_choose(self, choice: str) -> None:
        """A choice by key."""
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Neither: back to the form, nothing saved, what was typed kept."""
        self.dismiss(None)
