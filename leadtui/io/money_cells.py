"""The currency an imported amount names: ``$300`` is dollars, ``300 €`` euros, ``GBP 5`` pounds.

The amount itself is :func:`leadtui.domain.validation.parse_money`; this module only
keeps what that strips off, so an amount never loses its currency on the way in.
A bare ``$`` is the dollar (or peso) of the import's region when it has one (MX: MXN),
else the US dollar.
"""

from __future__ import annotations

import re

from leadtui.domain.validation import ValidationError
from leadtui.i18n import _

_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "US$": "USD", "U$S": "USD", "C$": "CAD"}
_DOLLAR_LANDS = {
    "US": "USD",
    "MX": "MXN",
    "AR": "ARS",
    "CL": "CLP",
    "CO": "COP",
    "UY": "UYU",
    "CA": "CAD",
    "AU": "AUD",
    "NZ": "NZD",
    "SG": "SGD",
    "HK": "HKD",
}
_CODE = re.compile(r"(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])")


def currency_of(text: str, region: str | None) -> str | None:
    """The ISO code ``text`` names by symbol or code, or ``None`` when it names none."""
    value = text.strip()
    for symbol, code in _SYMBOLS.items():
        if symbol in value:
            return code
    if "$" in value:
        return _DOLLAR_LANDS.get((region or "").upper(), "USD")
    match = _CODE.search(value)
    if match is None:
        return None
    code = match.group(1).upper()
    return code if _is_currency(code) else None


def _is_currency(code: str) -> bool:
    from babel.numbers import is_currency

    return bool(is_currency(code))


def checked_currency(value_text: str, column: str | None, region: str | None) -> str | None:
    """The lead's currency from its value cell and currency cell (either may be absent).

    Raises :class:`ValidationError` for ``"value"`` when both name a currency and they
    differ: which one is right cannot be known.
    """
    named = currency_of(value_text, region)
    if column is None or named is None or named == column:
        return named or column
    raise ValidationError(
        "value",
        _("The amount {text} is in {named} but the currency column says {column}.").format(
            text=value_text, named=named, column=column
        ),
    )
