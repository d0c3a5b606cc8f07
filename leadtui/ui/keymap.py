"""The one key map: every key leadtui answers to on its screens, written once as data.

A screen never spells a key itself: its ``BINDINGS`` are made here with :func:`bind`
(``bind("leads", "undo")``), so the same action has the same key on every screen and no
key means two things (``tests/test_keymap.py`` checks both over every screen).

To add a key: add one :class:`Key` line to :data:`KEYS` (a key no entry uses yet, or
``meaning=`` an entry it stands for on some screens), then use ``bind(scope, name)`` in
the screen's ``BINDINGS``; give the entry's description in English, wrapped in ``N_``
(translated when the binding is made), and its Spanish in the catalog.
"""

from __future__ import annotations

import msgspec
from textual.binding import Binding

from leadtui.i18n import N_, _


class Key(msgspec.Struct, frozen=True):
    """One action's keys (Textual names, comma-separated) and what the footer calls it."""

    keys: str
    description: str
    """English, translated where the binding is made."""
    action: str = ""
    """The default action; a screen may name its own method for the same meaning."""
    display: str | None = None
    meaning: str = ""
    """Another entry this one *is* on some screens (``q`` quits on a top view: "back")."""


KEYS: dict[str, Key] = {
    # Moving
    "down": Key("down,j", N_("Down"), "cursor(1)"),
    "up": Key("up,k", N_("Up"), "cursor(-1)"),
    "left": Key("left,h", N_("Column ←"), "column(-1)"),
    "right": Key("right,l", N_("Column →"), "column(1)"),
    "first": Key("home,g", N_("First"), "first"),
    "last": Key("end,G", N_("Last"), "last"),
    "page_down": Key("pagedown", N_("Page down"), "page_down"),
    "page_up": Key("pageup", N_("Page up"), "page_up"),
    "next": Key("right_square_bracket", N_("Next lead"), display="]"),
    "previous": Key("left_square_bracket", N_("Prev lead"), display="["),
    "next_section": Key("tab", N_("Next section"), "section_step(1)"),
    "previous_section": Key("shift+tab", N_("Previous section"), "section_step(-1)"),
    "open": Key("enter", N_("Open"), "open"),
    "toggle": Key("space", N_("Mark"), display="␣"),
    "back": Key("escape,q,backspace", N_("Back"), "back"),
    "quit": Key("q", N_("Quit"), "app.ask_quit", meaning="back"),
    "cancel": Key("escape", N_("Cancel"), "cancel", meaning="back"),
    "clear_search": Key("escape", N_("Clear search"), "clear_search", meaning="back"),
    # Views
    "list": Key("v", N_("List"), "app.switch_mode('leads')"),
    "board": Key("b", N_("Board"), "app.switch_mode('board')"),
    "agenda": Key("A", N_("Agenda"), "app.switch_mode('agenda')"),
    "triage": Key("t", N_("Triage"), "triage"),
    "views": Key("o", N_("Views"), "views"),
    "metrics": Key("i", N_("Metrics"), "metrics"),
    "metrics_view": Key("T", N_("Metrics by source, by month"), "metrics_view"),
    "collapse": Key("C", N_("Collapse won/lost"), "collapse"),
    "duplicates": Key("D", N_("Duplicates"), "duplicates"),
    "pipeline": Key("P", N_("Pipeline"), "pipeline"),
    "search": Key("slash", N_("Search"), "search", display="/"),
    "filter": Key("F", N_("Filter"), "filter"),
    "sort": Key("s", N_("Sort"), "cycle_sort"),
    "reverse_sort": Key("S", N_("Reverse"), "reverse_sort"),
    # Working a lead
    "new": Key("n", N_("New"), "new"),
    "edit": Key("e", N_("Edit"), "edit"),
    "log": Key("a", N_("Log"), "log_activity"),
    "log_call": Key("c", N_("Call"), "log('call')"),
    "log_email": Key("E", N_("Email"), "log('email')"),
    "log_meeting": Key("M", N_("Meeting"), "log('meeting')"),
    "log_note": Key("N", N_("Note"), "log('note')"),
    "followup": Key("f", N_("Follow-up"), "followup"),
    "snooze_day": Key("z", N_("+1 d"), "snooze(1)"),
    "snooze_week": Key("Z", N_("+1 w"), "snooze(7)"),
    "next_stage": Key("greater_than_sign,L,shift+right", N_("Stage →"), display=">"),
    "previous_stage": Key("less_than_sign,H,shift+left", N_("Stage ←"), display="<"),
    "move_to": Key("m", N_("Move to…"), "move_marked"),
    "won": Key("w", N_("Won"), "won"),
    "lost": Key("x", N_("Lost"), "lost"),
    "tags": Key("number_sign", N_("Tags"), "tags", display="#"),
    "mail": Key("at", N_("Mail"), "mail", display="@"),
    "copy_email": Key("y", N_("Copy email"), "copy_email"),
    "assign": Key("W", N_("Assign"), "assign"),
    "delete": Key("d", N_("Delete"), "delete"),
    # An entry of the timeline (the detail's own d deletes the lead, from any focus).
    "delete_entry": Key("X,delete", N_("Delete entry"), "delete_entry"),
    "undo": Key("u", N_("Undo"), "undo"),
    # The pipeline settings
    "add_nurture": Key("plus", N_("Add nurturing"), "add('nurture')", display="+"),
    "move_up": Key("K", N_("Move up"), "shift(-1)"),
    "move_down": Key("J", N_("Move down"), "shift(1)"),
    "cold_days": Key("O", N_("Cold after"), "cold"),
    # The scoring rules
    "weights": Key("p", N_("Edit weights"), "weights"),
    # Duplicates
    "save": Key("ctrl+s", N_("Save"), "save"),
    "not_duplicate": Key("I", N_("Not a duplicate"), "not_duplicate"),
    "swap": Key("r", N_("Keep other lead"), "swap"),
    "unmerge": Key("U", N_("Unmerge"), "unmerge"),
    # Everywhere (the app's own)
    "help": Key("f1,question_mark", N_("Help"), "toggle_help"),
    "quit_now": Key("ctrl+q", N_("Quit"), "quit"),
    "import": Key("ctrl+o", N_("Import"), "import_file"),
}
"""Every key by the name of what it does."""

NUMBER = "number"
"""The meaning of the digit keys: the n-th item (a preset, a section, a field)."""


def meaning(name: str) -> str:
    """What an entry means (``quit`` is ``back`` on a top view)."""
    return KEYS[name].meaning or name


def bind(
    scope: str,
    name: str,
    action: str | None = None,
    *,
    description: str | None = None,
    show: bool = True,
) -> Binding:
    """The binding of entry ``name`` on a screen (``scope`` prefixes its id).

    ``action`` names the screen's method when it differs from the entry's default;
    ``description`` (English, already passed through ``N_``) says it in the screen's
    own words ("Next page" for ``]`` on the agenda).
    """
    key = KEYS[name]
    return Binding(
        key.keys,
        action or key.action,
        _(description or key.description),
        show=show,
        key_display=key.display,
        id=f"{scope}.{name}",
    )


def numbered(scope: str, action: str, descriptions: list[str]) -> list[Binding]:
    """Digits 1…n for the n items of a list (``action`` has ``{index}``), hidden."""
    return [
        Binding(
            str(number),
            action.format(index=number - 1),
            text,
            show=False,
            id=f"{scope}.{NUMBER}{number}",
        )
        for number, text in enumerate(descriptions, start=1)
    ]
