"""Every way text comes into a field is cleaned by the CLI's one function (domain.sanitize).

A terminal hands the app a paste as one event, before any widget sees it: the app
replaces it with the cleaned text (escape sequences removed whole, control characters
dropped, newlines kept for a text area). Typed keys never insert a control character,
but a value set any other way is cleaned when it changes, so no field ever holds one.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from leadtui.domain.sanitize import clean_str


def cleaned_paste(event: events.Paste) -> events.Paste | None:
    """A paste with the same text cleaned, or ``None`` when it was clean already."""
    text = clean_str(event.text, multiline=True)
    if text == event.text:
        return None
    return events.Paste(text)


def clean_input_value(event: Input.Changed) -> None:
    """Strip control characters an input's new value carries (rare: paste is cleaned first)."""
    if not event.value.isprintable():
        event.input.value = clean_str(event.value)
