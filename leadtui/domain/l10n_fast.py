"""The list's money, counts, dates and ages from forms precomputed with Babel.

:mod:`leadtui.locale.formats` writes, at ``locale compile`` time, what these need of a
locale (separators, the prefix and suffix of each currency, the short date pattern,
the narrow age of 1-99 of each unit) and checks that they reproduce Babel exactly.
Each function returns ``None`` when its case is not covered, and the caller asks
Babel (:mod:`leadtui.domain.l10n`). No Babel import and no I/O here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Literal

Forms = dict[str, Any]
AgeUnit = Literal["year", "month", "week", "day", "hour", "minute", "second"]

UNITS: tuple[tuple[AgeUnit, int], ...] = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)
"""Babel's age units and their length in seconds, largest first (``TIMEDELTA_UNITS``)."""
_DATE_FIELD = re.compile(r"d{1,2}|M{1,2}|y")


def _grouped(forms: Forms, whole: int) -> str:
    digits = str(whole)
    head = len(digits) % 3 or 3
    parts = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    return str(forms["group"]).join(parts)


def money(forms: Forms, cents: int, currency: str) -> str | None:
    """``2.900 €``, ``-1.200,50 US$`` as Babel writes it; ``None``: not precomputed."""
    parts = forms["money"].get(currency.strip().upper())
    if parts is None:
        return None
    whole, fraction = divmod(abs(cents), 100)
    number = _grouped(forms, whole)
    if fraction:
        number += f"{forms['decimal']}{fraction:02d}"
    prefix, suffix = (parts[2], parts[3]) if cents < 0 else (parts[0], parts[1])
    return f"{prefix}{number}{suffix}"


def number(forms: Forms, value: int) -> str:
    """A whole number with the locale's grouping: ``1.000.000``."""
    grouped = _grouped(forms, abs(value))
    return f"{forms['minus']}{grouped}" if value < 0 else grouped


def numeric_day(forms: Forms, day: date) -> str:
    """A date in the locale's short numeric pattern: ``3/3/2026``, ``03/03/2026``."""
    values = {
        "d": str(day.day),
        "dd": f"{day.day:02d}",
        "M": str(day.month),
        "MM": f"{day.month:02d}",
        "y": str(day.year),
    }
    return _DATE_FIELD.sub(lambda field: values[field.group()], str(forms["date"]))


def age(forms: Forms, elapsed: timedelta) -> str | None:
    """Babel's narrow age (threshold 1): ``5min``, ``8m``; ``None`` past 99 of a unit."""
    seconds = abs(elapsed.total_seconds())
    for unit, length in UNITS:
        value = seconds / length
        if value >= 1 or unit == "second":
            if unit == "second" and value > 0:
                value = max(1.0, value)
            count = int(round(value))
            table: list[str] = forms["age"][unit]
            return table[count - 1] if 1 <= count <= len(table) else None
    return None
