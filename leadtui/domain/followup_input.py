"""Follow-ups as people type them: ``+3d``, ``tomorrow 10:00 send the quote``, ``lun``.

Pure functions over an injected ``now`` and time zone (no clock, no I/O). The text
is read as *when* (one date word, optionally a time of day) followed by a free
note saying what the follow-up is for. English and Spanish words are both
understood whatever the interface language, so a habit never breaks when the
language changes. ``15/12`` is always day/month: a date is never silently
swapped; ``12/15`` is refused with a reason, not read as 15 December.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from leadtui.i18n import _

DEFAULT_HOUR = 9
"""A follow-up typed without a time of day is due at 09:00 local time."""

MAX_FOLLOWUP_NOTE = 200
"""The longest note a follow-up keeps, in characters."""

MAX_DAYS_AHEAD = 3660
"""Relative offsets beyond about ten years are refused (a typo, not a plan)."""

_WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mon", "monday", "lun", "lunes"),
        ("tue", "tues", "tuesday", "mar", "martes"),
        ("wed", "wednesday", "mie", "miercoles"),
        ("thu", "thur", "thurs", "thursday", "jue", "jueves"),
        ("fri", "friday", "vie", "viernes"),
        ("sat", "saturday", "sab", "sabado"),
        ("sun", "sunday", "dom", "domingo"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _index

_DAY_WORDS = {
    "today": 0,
    "hoy": 0,
    "tomorrow": 1,
    "tmrw": 1,
    "manana": 1,
    "pasado": 2,  # "pasado mañana" is read as two words below
}
_RELATIVE = re.compile(r"^\+(\d{1,4})\s*([dwmhs]?)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|h)?$")


@dataclass(frozen=True, slots=True)
class ParsedFollowUp:
    """A typed follow-up: when (aware, UTC) and what it is for."""

    at: datetime
    note: str = ""


class FollowUpInputError(ValueError):
    """The text is not a follow-up; ``str()`` says why, in the user's language."""


def _fold(word: str) -> str:
    """Lower case without accents, so ``mañana``, ``Mañana`` and ``manana`` match."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _local_now(now: datetime, zone: tzinfo | None) -> datetime:
    if now.tzinfo is None:
        raise FollowUpInputError(_("A time needs its time zone (for example UTC)."))
    return now.astimezone(zone) if zone is not None else now.astimezone()


def _at(day: date, clock: time, zone: tzinfo | None) -> datetime:
    """``day`` at ``clock`` on the wall in ``zone``, as UTC (DST applied for that day)."""
    if zone is None:
        return datetime.combine(day, clock).astimezone().astimezone(UTC)
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def _parse_clock(word: str) -> time | None:
    match = _CLOCK.match(word)
    if match is None:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if match[2] is None and suffix is None:
        return None  # a bare number is not a time ("3" could be anything)
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _day_month(match: re.Match[str], today: date, text: str) -> date:
    day, month = int(match[1]), int(match[2])
    year_text = match[3]
    if month > 12:
        raise FollowUpInputError(
            _(
                "{text}: dates are day/month (15/12 is 15 December); there is no month {month}."
            ).format(text=text, month=month)
        )
    year = (
        today.year if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    )
    try:
        found = date(year, month, day)
    except ValueError:
        raise FollowUpInputError(_("Not a date: {text}.").format(text=text)) from None
    if year_text is None and found < today:
        try:
            found = date(year + 1, month, day)
        except ValueError:  # 29/02 next year
            raise FollowUpInputError(_("Not a date: {text}.").format(text=text)) from None
    return found


def _relative(match: re.Match[str], local: datetime, zone: tzinfo | None) -> datetime | date:
    count, unit = int(match[1]), match[2] or "d"
    if unit == "h":
        if count > MAX_DAYS_AHEAD * 24:
            raise FollowUpInputError(_("That is too far ahead."))
        return (local + timedelta(hours=count)).astimezone(UTC)
    days = {"d": 1, "w": 7, "s": 7, "m": 30}[unit] * count
    if days > MAX_DAYS_AHEAD:
        raise FollowUpInputError(_("That is too far ahead."))
    return local.date() + timedelta(days=days)


def _when(words: list[str], local: datetime, zone: tzinfo | None) -> tuple[datetime | date, int]:
    """The date (or exact moment) the first words name, and how many words it used."""
    first = _fold(words[0]).rstrip(":,;")
    today = local.date()
    if first == "pasado" and len(words) > 1 and _fold(words[1]) == "manana":
        return today + timedelta(days=2), 2
    if first in _DAY_WORDS and first != "pasado":
        return today + timedelta(days=_DAY_WORDS[first]), 1
    weekday = _WEEKDAYS.get(first.rstrip("."))
    if weekday is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1  # "mon" on a Monday is next week
        return today + timedelta(days=ahead), 1
    if relative := _RELATIVE.match(first):
        return _relative(relative, local, zone), 1
    if day_month := _DAY_MONTH.match(first):
        return _day_month(day_month, today, words[0]), 1
    if iso := _ISO.match(first):
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3])), 1
        except ValueError:
            raise FollowUpInputError(_("Not a date: {text}.").format(text=words[0])) from None
    if _parse_clock(first) is not None:
        return today, 0  # "15:00 call back" means today
    raise FollowUpInputError(
        _("Not a follow-up: {text}. Try +3d, +2w, tomorrow, mon, 15/12 or 15/12 10:00.").format(
            text=words[0]
        )
    )


def parse_followup(text: str, now: datetime, zone: tzinfo | None = None) -> ParsedFollowUp | None:
    """Read a typed follow-up; ``None`` for blank text.

    ``now`` is the injected clock's time; ``zone`` the user's time zone (``None``:
    the system's). Raises :class:`FollowUpInputError` with a readable reason.
    """
    words = text.split()
    if not words:
        return None
    local = _local_now(now, zone)
    when, used = _when(words, local, zone)
    rest = words[used:]
    if isinstance(when, datetime):
        at = when
    else:
        clock = time(DEFAULT_HOUR)
        if rest and (typed := _parse_clock(_fold(rest[0]))) is not None:
            clock = typed
            rest = rest[1:]
        elif (
            len(rest) > 1
            and _fold(rest[0]) in ("at", "a")
            and (typed := _parse_clock(_fold(rest[1])))
        ):
            clock, rest = typed, rest[2:]
        at = _at(when, clock, zone)
    note = " ".join(rest).lstrip("-–:· ").strip()
    if len(note) > MAX_FOLLOWUP_NOTE:
        raise FollowUpInputError(
            _("A follow-up note is at most {count} characters.").format(count=MAX_FOLLOWUP_NOTE)
        )
    return ParsedFollowUp(at, note)
