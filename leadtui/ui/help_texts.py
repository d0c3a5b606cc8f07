"""What each screen's F1 help says about it, in our words (the keys follow, from the
screen's bindings, see :func:`help_for`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leadtui.i18n import _
from leadtui.ui.screen_help import agenda_help, help_text, triage_help


def list_help() -> str:
    """The lead list."""
    return _(
        "Every lead, newest first, read a page at a time however many there are. "
        "Columns: name, company, email, stage (where the lead is in the funnel), source "
        "(where it came from), follow-up (when the next touch is due; marked when overdue), "
        "last touch, and value with its currency.\n\n"
        "/ searches names, emails and companies as you type. F filters with words such "
        "as stage:qualified source:event due:overdue,today tag:vip score>40 (Tab "
        "completes them). Space marks leads: Move to…, Tags and Delete then act on every "
        "marked lead. Enter opens the lead; b, A and o go to the board, the agenda and "
        "the saved views."
    )


def detail_help() -> str:
    """One lead."""
    return _(
        "One lead: its fields on the left, its place in the funnel, and the timeline of "
        "everything that happened to it (calls, emails, meetings, notes, stage moves, "
        "follow-up changes), newest first.\n\n"
        "Log a touch (c call, a to choose the kind) and set the next follow-up with f: "
        "nurturing is a touch, then a date for the next one. > moves the lead to the next "
        "stage; Won asks for the deal value, Lost for the reason, and neither is reached "
        "by > alone. [ and ] go to the previous and next lead of the list. Every change "
        "can be taken back with u."
    )


def board_help() -> str:
    """The funnel board."""
    return _(
        "The funnel: one column per stage, in pipeline order, each with its count and "
        "its value per currency (amounts in different currencies are never added "
        "together). Won and Lost sit at the end; C folds them away.\n\n"
        "Move between columns and cards with the arrows or h j k l; > and < (or L and "
        "H) move the lead one stage along. Won and Lost open their dialog. i shows the "
        "funnel's metrics: conversion from stage to stage, win rate, days in stage; T "
        "switches them to by source and by month of creation. With a search or a filter "
        "they count only that segment and say so."
    )


def duplicates_help() -> str:
    """The duplicates view."""
    return _(
        "People who are probably in the database twice, one pair at a time, with the "
        "reason (same email, same phone, similar name at the same company) and how sure "
        "it is.\n\n"
        "Each row is a field with both leads' values. Space (or the field's number) "
        "takes the other lead's value; r keeps the other lead instead. Ctrl+S merges "
        "with the chosen values (u takes the merge back); I says the pair is not a "
        "duplicate, so it is never proposed again; ] skips it for now."
    )


def import_help() -> str:
    """The import screen."""
    return _(
        "Bring leads in from a CSV, xlsx, vCard or leadtui JSON file. Type the file's "
        "path: a preview shows how each column will be read (name, email, phone, "
        "source, a date column's day/month order) and how many rows would be imported, "
        "updated or refused, before anything is written.\n\n"
        "Enter on a column changes the field it goes to. Ctrl+S imports everything as "
        "one batch, which the CLI can revert (leadtui import --revert). Esc goes back."
    )


HELP: dict[str, tuple[Callable[[], str], Callable[[], str]]] = {
    "LeadListScreen": (lambda: _("Leads"), list_help),
    "LeadDetailScreen": (lambda: _("Lead"), detail_help),
    "FunnelBoardScreen": (lambda: _("Funnel board"), board_help),
    "AgendaScreen": (lambda: _("Agenda"), agenda_help),
    "TriageScreen": (lambda: _("Triage"), triage_help),
    "DuplicatesScreen": (lambda: _("Duplicates"), duplicates_help),
    "ImportScreen": (lambda: _("Import"), import_help),
}
"""A screen's title and what it is, by class name (a new screen adds one line)."""


def help_for(screen: Any) -> str | None:
    """The F1 text of ``screen``: what it shows, then every key it and its focused
    widget answer to (from their bindings), then the app's; ``None`` if it has none."""
    found = HELP.get(type(screen).__name__)
    if found is None:
        return None
    title, intro = found
    bindings = [*type(screen).BINDINGS]
    focused = screen.focused
    if focused is not None and focused is not screen:
        bindings += [b for b in type(focused).BINDINGS if getattr(b, "id", None)]
    bindings += list(type(screen.app).BINDINGS)
    return help_text(title(), intro(), bindings)
