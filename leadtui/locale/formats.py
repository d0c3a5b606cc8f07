"""Precomputed number, money, date and age forms, written by ``locale compile``.

The list's first screen formats money, counts, follow-up dates and ages. Through
Babel that costs its import and the CLDR data of the locale (~35 ms, paid before
the first frame in every language but English). Here, at compile time, Babel
formats probes and the few patterns the first screen needs are kept in one small
JSON file per locale (``locale/<lang>/formats/<locale>.json``), which
:mod:`leadtui.domain.l10n_fast` applies without Babel. A locale whose forms the
simple patterns cannot reproduce exactly (checked here against Babel on many
values) gets no file and keeps using Babel.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from leadtui import i18n
from leadtui.domain import l10n, l10n_fast
from leadtui.i18n import LOCALE_DIR

CURRENCIES = ("EUR", "USD", "GBP", "MXN", "ARS", "COP", "CLP", "PEN", "CHF", "CAD", "BRL")
"""Currencies formatted without Babel; any other code falls back to it."""
_PROBE = Decimal("1234567.89")


def formats_path(language: str, locale: str) -> Path:
    """Where the precomputed forms of ``locale`` (a region of ``language``) live."""
    return LOCALE_DIR / language / "formats" / f"{locale}.json"


def _around(text: str, number: str) -> tuple[str, str] | None:
    before, found, after = text.partition(number)
    return (before, after) if found else None


def forms(locale: str) -> dict[str, Any] | None:
    """The precomputed forms of ``locale``, or ``None`` when they would not match Babel."""
    i18n._FORMS[locale] = None  # l10n below must answer through Babel, not an older file
    try:
        return _forms(locale)
    finally:
        i18n._FORMS.pop(locale, None)


def _forms(locale: str) -> dict[str, Any] | None:
    plain = l10n.number(float(_PROBE), locale, 2)
    digits = re.fullmatch(r"1(\D)234(?:\1)567(\D)89", plain)
    if digits is None:
        return None
    group, decimal = digits.groups()
    money: dict[str, list[str]] = {}
    for code in ("", *CURRENCIES):
        positive = _around(l10n.money(123456789, code, locale), plain)
        negative = _around(l10n.money(-123456789, code, locale), plain)
        if positive is None or negative is None:
            return None
        money[code] = [*positive, *negative]
    short = l10n.numeric_day_hint(locale)
    if re.fullmatch(r"(d{1,2}|M{1,2}|y|[^A-Za-z'])+", short) is None:
        return None
    ages = {
        unit: [_age_in(unit, seconds * n, locale) for n in range(1, 100)]
        for unit, seconds in l10n_fast.UNITS
    }
    minus = _around(l10n.number(-float(_PROBE), locale, 2), plain)
    if minus is None or minus[1]:
        return None
    found = {
        "group": group,
        "decimal": decimal,
        "minus": minus[0],
        "money": money,
        "date": short,
        "age": ages,
    }
    return found if _agrees(found, locale) else None


def _age_in(unit: l10n_fast.AgeUnit, seconds: int, locale: str) -> str:
    """Babel's narrow age of ``seconds`` counted in ``unit`` (never a larger unit)."""
    from babel.dates import format_timedelta

    return format_timedelta(
        timedelta(seconds=seconds),
        threshold=10**9,
        granularity=unit,
        format="narrow",
        locale=locale,
    )


def _agrees(found: dict[str, Any], locale: str) -> bool:
    """Every probe formats the same without Babel as with it."""
    amounts = (0, 5, 99, 100, 1050, 99999, 100000, 123456, 2900000, -1, -100050, 10**13 + 7)
    for cents in amounts:
        for code in ("", *CURRENCIES):
            if l10n_fast.money(found, cents, code) != l10n.money(cents, code, locale):
                return False
    for value in (0, 7, 999, 1000, 65536, 1234567, -4321):
        if l10n_fast.number(found, value) != l10n.number(value, locale):
            return False
    for day in (date(2026, 1, 2), date(2026, 12, 31), date(1999, 10, 9)):
        if l10n_fast.numeric_day(found, day) != l10n.numeric_day(day, locale):
            return False
    for seconds in (1, 59, 61, 3599, 3601, 86399, 86401, 6 * 86400, 29 * 86400, 400 * 86400):
        fast = l10n_fast.age(found, timedelta(seconds=seconds))
        if fast is not None and fast != l10n.age(timedelta(seconds=seconds), locale):
            return False
    return True


def regions(language: str) -> list[str]:
    """``language`` and every CLDR locale of it (``es``, ``es_ES``, ``es_MX``…)."""
    from babel.localedata import locale_identifiers

    return sorted(
        name
        for name in locale_identifiers()
        if name == language or (name.startswith(f"{language}_") and name.count("_") == 1)
    )


def write_all(language: str) -> int:
    """Write the forms of every locale of ``language``; how many files were written."""
    folder = formats_path(language, language).parent
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    written = 0
    for locale in regions(language):
        found = forms(locale)
        if found is not None:
            text = json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            formats_path(language, locale).write_text(text + "\n", encoding="utf-8")
            written += 1
    return written
