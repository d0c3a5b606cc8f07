"""Amounts of money as whole cents: a bare typed number to cents, cents to display text,
and totals kept per currency (:class:`MoneyTotals`, :func:`format_totals`).

No floats anywhere. Checking what a user typed, with its messages, is
:func:`leadtui.domain.validation.parse_money`; in another language the locale's
forms come from :mod:`leadtui.domain.l10n`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import msgspec

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


MAIN_CURRENCY = "EUR"
"""The currency a lead gets when none is given; totals list it first."""


class MoneyTotals(msgspec.Struct, frozen=True):
    """Sums of money per currency: amounts in different currencies are never added.

    ``amounts`` is ``(currency, cents)`` pairs without zeros, the main currency first,
    then the larger sums first.
    """

    amounts: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, int]]) -> MoneyTotals:
        """Totals of ``(currency, cents)`` pairs (a currency may repeat)."""
        sums: dict[str, int] = {}
        for currency, cents in pairs:
            code = (currency or MAIN_CURRENCY).strip().upper()
            sums[code] = sums.get(code, 0) + int(cents)
        ordered = sorted(
            ((code, cents) for code, cents in sums.items() if cents),
            key=lambda pair: (pair[0] != MAIN_CURRENCY, -pair[1], pair[0]),
        )
        return cls(tuple(ordered))

    def add(self, currency: str, cents: int) -> MoneyTotals:
        """These totals with ``cents`` more (or less, when negative) in ``currency``."""
        return MoneyTotals.of((*self.amounts, (currency, cents)))

    def __add__(self, other: MoneyTotals) -> MoneyTotals:
        return MoneyTotals.of((*self.amounts, *other.amounts))

    def __bool__(self) -> bool:
        return bool(self.amounts)

    def cents(self, currency: str) -> int:
        """The total in ``currency`` (0 when there is none)."""
        return dict(self.amounts).get(currency.strip().upper(), 0)

    def as_dict(self) -> dict[str, int]:
        """``{"EUR": 120000, "USD": 1115000}`` in display order (for JSON)."""
        return dict(self.amounts)


def format_totals(totals: MoneyTotals) -> str:
    """Per-currency totals for display: "€12,000 + $11,150"; "€0" when there are none."""
    if not totals.amounts:
        return format_money(0, MAIN_CURRENCY)
    first, *others = totals.amounts
    text = format_money(first[1], first[0])
    for currency, cents in others:
        text += f" + {format_money(cents, currency)}" if cents >= 0 else ""
        if cents < 0:
            text += f" − {format_money(-cents, currency)}"
    return text
