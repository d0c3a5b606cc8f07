"""Money, numbers, dates and relative times in a non-English locale, through Babel (CLDR).

Only used when :func:`leadtui.i18n.formatting_locale` names a locale: English keeps
the house style of :mod:`leadtui.domain.formatting` (``€2,900``, ``2026-12-07``) and
never imports Babel. Babel is imported on first use (it costs ~25 ms), and the parsed
:class:`babel.Locale` and number patterns are cached.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from leadtui.domain import l10n_fast
from leadtui.i18n import precomputed_forms

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern


@lru_cache(maxsize=8)
def _locale(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


@lru_cache(maxsize=32)
def _pattern(name: str, kind: str, decimals: int) -> NumberPattern:
    """The locale's currency/decimal/percent pattern with exactly ``decimals`` decimals."""
    import copy

    locale = _locale(name)
    formats = {
        "currency": locale.currency_formats,
        "decimal": locale.decimal_formats,
        "percent": locale.percent_formats,
    }[kind]
    pattern: NumberPattern = copy.copy(formats["standard" if kind == "currency" else None])
    pattern.frac_prec = (decimals, decimals)
    return pattern


def money(cents: int, currency: str, locale: str) -> str:
    """``2.900 €``, ``1.200,50 €``, ``1200 US$``; a bare number when ``currency`` is blank.

    Decimals only when the amount is not whole, as in English.
    """
    forms = precomputed_forms(locale)
    fast = None if forms is None else l10n_fast.money(forms, cents, currency)
    if fast is not None:
        return fast
    from babel.numbers import format_currency, format_decimal

    decimals = 0 if cents % 100 == 0 else 2
    amount = Decimal(cents).scaleb(-2)
    code = currency.strip().upper()
    if not code:
        return format_decimal(
            amount, format=_pattern(locale, "decimal", decimals), locale=_locale(locale)
        )
    return format_currency(
        amount,
        code,
        format=_pattern(locale, "currency", decimals),
        locale=_locale(locale),
        currency_digits=False,
    )


def number(value: int | float, locale: str, decimals: int = 0) -> str:
    """A grouped number: ``1.000.000``, ``3,5``."""
    forms = precomputed_forms(locale)
    if forms is not None and decimals == 0 and isinstance(value, int):
        return l10n_fast.number(forms, value)
    from babel.numbers import format_decimal

    return format_decimal(
        value, format=_pattern(locale, "decimal", decimals), locale=_locale(locale)
    )


def percent(rate: float, locale: str) -> str:
    """A rate as a percentage with one decimal: ``66,5 %``."""
    from babel.numbers import format_percent

    return format_percent(rate, format=_pattern(locale, "percent", 1), locale=_locale(locale))


def day(value: date, locale: str) -> str:
    """A date in words: ``8 dic 2026``."""
    from babel.dates import format_date

    return format_date(value, "d MMM y", locale=_locale(locale))


def weekday(value: date, locale: str) -> str:
    """A date with its weekday: ``mar 8 dic 2026``."""
    from babel.dates import format_date

    return format_date(value, "EEE d MMM y", locale=_locale(locale))


def moment(value: datetime, locale: str) -> str:
    """A local timestamp to the minute: ``8 dic 2026, 14:30``."""
    from babel.dates import format_datetime

    return format_datetime(value, "d MMM y, HH:mm", tzinfo=value.tzinfo, locale=_locale(locale))


@lru_cache(maxsize=8)
def _numeric_pattern(name: str) -> str:
    """The locale's short numeric date pattern with a four-digit year (``d/M/y``)."""
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=_locale(name)).pattern
    return re.sub(r"y+", "y", pattern)


def numeric_day(value: date, locale: str) -> str:
    """A date as typed in the locale: ``8/12/2026`` (es, en_GB), ``12/8/2026`` (en_US)."""
    forms = precomputed_forms(locale)
    if forms is not None:
        return l10n_fast.numeric_day(forms, value)
    from babel.dates import format_date

    return format_date(value, _numeric_pattern(locale), locale=_locale(locale))


def numeric_day_hint(locale: str) -> str:
    """How :func:`numeric_day` reads, for a hint: ``d/M/y``."""
    return _numeric_pattern(locale)


def parse_numeric_day(text: str, locale: str) -> date | None:
    """A date typed in the locale's order (``8/12/2026``, ``8-12-26``, ``8.12.2026``).

    The order of day, month and year is the locale's (CLDR's short date pattern); a
    two-digit year is in this century. ``None`` when ``text`` is not such a date.
    """
    parts = re.fullmatch(r"\s*(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})\s*", text)
    if parts is None:
        return None
    order = [field for field in re.findall(r"[dMy]", _numeric_pattern(locale)) if field]
    if sorted(order) != ["M", "d", "y"]:
        order = ["d", "M", "y"]
    values = dict(zip(order, (int(group) for group in parts.groups()), strict=True))
    year = values["y"]
    if year < 100:
        year += 2000
    try:
        return date(year, values["M"], values["d"])
    except ValueError:
        return None


def age(elapsed: timedelta, locale: str) -> str:
    """A compact age for a list column: ``5min``, ``22h``, ``3d``, ``2sem``."""
    forms = precomputed_forms(locale)
    fast = None if forms is None else l10n_fast.age(forms, elapsed)
    if fast is not None:
        return fast
    from babel.dates import format_timedelta

    return format_timedelta(elapsed, threshold=1, format="narrow", locale=_locale(locale))


def relative(delta: timedelta, locale: str) -> str:
    """How long ago or how soon: ``hace 22 horas``, ``dentro de 5 días`` (negative: past)."""
    from babel.dates import format_timedelta

    return format_timedelta(
        delta, threshold=1, add_direction=True, format="long", locale=_locale(locale)
    )


def decimal_symbol(locale: str) -> str:
    """The locale's decimal mark (``,`` in Spanish)."""
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(_locale(locale))
