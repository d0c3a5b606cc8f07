"""Editing a timeline entry: its moment typed as text, and the "edited" note (no I/O).

A moment is shown and typed as the local date the forms use (ISO in English, the
locale's numeric order otherwise, never guessed) and ``HH:MM``; without a time the
entry keeps its own.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from leadtui.domain.formatting import format_numeric_date
from leadtui.i18n import N_, _, formatting_locale, input_locale

FIELD_WORDS = {"kind": N_("kind"), "at": N_("date"), "body": N_("text")}
"""Each edited field's word (translated where shown)."""


def moment_text(at: datetime) -> str:
    """The moment as the edit field shows it: ``2026-12-01 14:30`` (``1/12/2026 14:30`` es)."""
    local = at.astimezone()
    return f"{format_numeric_date(local.date())} {local:%H:%M}"


def parse_moment(text: str, original: datetime) -> datetime:
    """A typed local date and optional ``HH:MM`` as an aware datetime; ``ValueError`` else."""
    found = re.fullmatch(r"\s*(\S+)(?:\s+(\d{1,2}):(\d{2}))?\s*", text)
    if found is None:
        raise ValueError(_("Type the date as {example}.").format(example=moment_text(original)))
    day = _day(found.group(1))
    if day is None:
        raise ValueError(_("Type the date as {example}.").format(example=moment_text(original)))
    if found.group(2) is None:
        clock = original.astimezone().time().replace(tzinfo=None)
    else:
        hour, minute = int(found.group(2)), int(found.group(3))
        if hour > 23 or minute > 59:
            raise ValueError(_("The time is HH:MM, from 00:00 to 23:59."))
        clock = time(hour, minute)
    return datetime.combine(day, clock).astimezone()


def _day(typed: str) -> date | None:
    locale = input_locale()
    if locale is not None and not typed[:4].isdigit():
        from leadtui.domain import l10n

        return l10n.parse_numeric_day(typed, locale)
    try:
        return date.fromisoformat(typed)
    except ValueError:
        return None


def edited_note(edited_at: datetime | None, fields: str) -> str:
    """``edited 1 Dec: text, date`` for an edited entry; ``""`` for one never edited."""
    if edited_at is None:
        return ""
    local = edited_at.astimezone()
    locale = formatting_locale()
    if locale is None:
        day = f"{local.day} {local:%b}"
    else:
        from babel.dates import format_date

        day = format_date(local.date(), "d MMM", locale=locale)
    words = [_(FIELD_WORDS[name]) for name in fields.split(",") if name in FIELD_WORDS]
    note = _("edited {day}").format(day=day)
    return f"{note}: {', '.join(words)}" if words else note
