"""F1 help written for each screen: what it shows, in our words, then its keys.

The key list is made from the screen's own ``BINDINGS`` (so it can never drift from
them), as are the README's key tables (``ui/key_tables.py``). Text is translated where
shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

from leadtui.i18n import _

_NAMES = {
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "at": "@",
    "slash": "/",
    "space": "space",
    "escape": "Esc",
    "enter": "Enter",
    "backspace": "Backspace",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "shift+left": "Shift+←",
    "shift+right": "Shift+→",
    "number_sign": "#",
    "ctrl+s": "Ctrl+S",
    "ctrl+o": "Ctrl+O",
    "ctrl+q": "Ctrl+Q",
    "f1": "F1",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def key_names(binding: Binding) -> list[str]:
    """Each key of a binding as a person types it (``>``, ``Esc``, ``j``)."""
    return [_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(",")]


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """``(keys, what they do)`` for each binding, in declaration order (hidden ones too)."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((" / ".join(key_names(binding)), binding.description))
    return rows


def agenda_help() -> str:
    """What the agenda is, in our words."""
    return _(
        'The agenda answers "who do I contact now?". Overdue: follow-ups before today, '
        "oldest first. Today: due today. No next step: open leads without a follow-up. "
        "Going cold: not touched for longer than their stage allows (New 3 days, "
        "Contacted and Proposal 10, Qualified 21). Upcoming: the next 7 days. Each row "
        "shows the stage, the follow-up and what it is for, and the last touch. "
        "Press t to work through the section lead by lead."
    )


def triage_help() -> str:
    """What the triage view is, in our words."""
    return _(
        "Triage walks the section one lead at a time, with the lead's source, form "
        "message, last touches and follow-up on screen. Log a call, email, meeting or "
        "note (the text field opens focused; the follow-up is proposed from the stage's "
        "cadence: New 1 day, Contacted 3, Qualified 7, Proposal 3; Tab then a digit picks "
        "another, Enter saves). After each disposition the next lead comes up; > moves "
        "the stage and stays, so a call can follow. u takes back the last change."
    )


def help_text(title: str, intro: str, bindings: Iterable[BindingType]) -> str:
    """A screen's help: its title, what it shows, then every key it answers to."""
    lines = [title, "", intro, "", _("Keys:")]
    rows = key_rows(bindings)
    width = max((len(keys) for keys, _what in rows), default=0)
    lines += [f"  {keys.ljust(width)}  {what}" for keys, what in rows]
    lines += ["", _("F1 closes this help · Ctrl+P lists every command with its key.")]
    return "\n".join(lines)
