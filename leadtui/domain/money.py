"""Amounts of money as whole cents: a bare typed number to cents, cents to display text.

No floats anywhere. Checking what a user typed, with its messages, is
:func:`leadtui.domain.validation.parse_money`; in another language the locale's
forms come from :mod:`leadtui.domain.l10n`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from leadtui.i18n import formatting_locale


def amount_cents(amount: str, *, decimal_comma: bool = False) -> int | None:
    """Cents of a bare number with "." and/or "," separators, or ``None``.

    A lone separator before three digits is thousands, unless ``decimal_comma`` and it
    is a comma; no sign, no currency and no fraction of a cent
    (:func:`leadtui.domain.validation.parse_money` takes those off and says what is wrong).
    """
    if not amount or not amount.isascii() or amount.strip("0123456789.,"):
        return None
    if not any(char.isdigit() for char in amount):
        return None
    decimal_mark: str | None
    if "." in amount and "," in amount:
        decimal_mark = max(".", ",", key=amount.rindex)
        if amount.count(decimal_mark) > 1:
            return None
    elif "." in amount or "," in amount:
        mark = "." if "." in amount else ","
        whole, _sep, tail = amount.partition(mark)
        thousands = amount.count(mark) > 1 or (
            len(tail) == 3 and 1 <= len(whole) <= 3 and whole != "0"
        )
        if decimal_comma and mark == "," and amount.count(mark) == 1:
            thousands = False
        decimal_mark = None if thousands else mark
    else:
        decimal_mark = None
    if decimal_mark is None:
        whole, fraction = amount, ""
    else:
        whole, _sep, fraction = amount.partition(decimal_mark)
    if fraction and not fraction.isdigit():
        return None
    if len(fraction.rstrip("0")) > 2:
        return None  # a fraction of a cent
    groups = re.split(r"[.,]", whole) if whole else []
    if len(groups) > 1 and not (
        1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])
    ):
        return None
    try:
        value = Decimal(f"{''.join(groups) or '0'}.{fraction[:2] or '0'}")
    except InvalidOperation:
        return None
    return int(value.scaleb(2))


_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_money(cents: int, currency: str = "EUR") -> str:
    """Format ``cents`` for display: "€1,200", "€1,200.50", "$5", "1,200 CHF".

    Decimals are shown only when the amount is not whole. In another language the
    locale's form: "2.900 €", "1.200,50 €" (:mod:`leadtui.domain.l10n`).
    """
    locale = formatting_locale()
    if locale is not None:
        from leadtui.domain import l10n

        return l10n.money(cents, currency, locale)
    code = currency.strip().upper()
    whole, part = divmod(abs(cents), 100)
    number = f"{whole:,}" + (f".{part:02d}" if part else "")
    sign = "-" if cents < 0 else ""
    symbol = _CURRENCY_SYMBOLS.get(code)
    if symbol is not None:
        return f"{sign}{symbol}{number}"
    return f"{sign}{number} {code}".rstrip()
