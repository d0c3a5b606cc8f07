"""Cell-level parsers for imports: emails (cached per domain), dates, flags, tags.

Phone numbers are :mod:`leadtui.io.phones`.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime

from leadtui.domain.email_reasons import email_reason
from leadtui.domain.validation import MAX_EMAIL, ValidationError, clean_text
from leadtui.i18n import _

# ASCII atext plus Latin letters (no × ÷): accepted by email-validator's SMTPUTF8 rules.
_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+"
_LOCAL_PART = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_TRUE = {
    "1",
    "true",
    "yes",
    "y",
    "si",
    "sí",
    "x",
    "on",
    "subscribed",
    "suscrito",
    "verdadero",
    "acepto",
    "i agree",
    "agree",
    "accepted",
    "ok",
}
_FALSE = {"", "0", "false", "no", "n", "off", "unsubscribed", "cleaned", "falso"}
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "ene": 1,
    "abr": 4,
    "ago": 8,
    "set": 9,
    "dic": 12,
}
_NUMERIC_DATE = re.compile(
    r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?)?"
    r"(?:\s*(?:Z|UTC|GMT)?([+-]\d{1,2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_WORD_DATE = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})")


class EmailChecker:
    """``email-validator`` rules at a fraction of its cost: each domain is validated once.

    A plain dot-atom local part on an already-validated domain is accepted
    without calling the library; anything unusual takes the full check.
    """

    def __init__(self, cache_limit: int = 50_000) -> None:
        self._domains: dict[str, str | None] = {}
        self._limit = cache_limit

    def check(self, raw: str) -> str | None:
        """The cleaned address, ``None`` when blank; :class:`ValidationError` when invalid."""
        text = clean_text(raw, max_length=MAX_EMAIL, field="email")
        if not text:
            return None
        local, at, domain = text.rpartition("@")
        if at and len(text) <= 254 and len(local) <= 64 and _LOCAL_PART.fullmatch(local):
            error = self._domain_error(domain)
            if error is None:
                return text
            raise ValidationError("email", error)
        return self._full_check(text)

    def _domain_error(self, domain: str) -> str | None:
        key = domain.lower()
        if key not in self._domains:
            if len(self._domains) >= self._limit:
                self._domains.clear()
            try:
                self._full_check(f"a@{domain}")
                self._domains[key] = None
            except ValidationError as error:
                self._domains[key] = error.message
        return self._domains[key]

    @staticmethod
    def _full_check(text: str) -> str:
        import email_validator

        try:
            email_validator.validate_email(text, check_deliverability=False)
        except email_validator.EmailNotValidError as error:
            reason = email_reason(str(error))
            raise ValidationError(
                "email", _("Not a valid email address: {reason}").format(reason=reason)
            ) from error
        return text


def parse_flag(text: str) -> bool:
    """A yes/no cell in English or Spanish; :class:`ValidationError` when it is neither."""
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValidationError("consent", _("Not a yes/no value: {text}").format(text=text))


def parse_date(text: str, *, day_first: bool, strict: bool = False) -> datetime:
    """A date or timestamp as written by the usual exports, as aware UTC.

    ISO (``2024-03-15 10:22:33``, with ``T``/``Z``/offset), ``15/03/2024 10:22``
    (day first when ``day_first``, else month first; unless ``strict``, a value only
    the other order can read is read so), ``15 Mar 2024``/``15 mar 2024``. Times
    without a zone are UTC. An import decides the order per column and passes
    ``strict`` (:mod:`leadtui.io.date_order`): a column's dates never swap row by row.
    """
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _loose_date(value, day_first, strict)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).replace(microsecond=0)


def _loose_date(value: str, day_first: bool, strict: bool) -> datetime:
    match = _NUMERIC_DATE.fullmatch(value)
    if match:
        a, b, c, hour, minute, second, ampm, offset = match.groups()
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        else:
            first, second_part, year = int(a), int(b), int(c)
            if strict:
                day, month = (first, second_part) if day_first else (second_part, first)
            elif first > 12 or (day_first and second_part <= 12):
                day, month = first, second_part
            else:
                month, day = first, second_part
            if year < 100:
                year += 2000
        hours = int(hour or 0)
        if ampm:
            hours = hours % 12 + (12 if ampm.lower().startswith("p") else 0)
        try:
            parsed = datetime(year, month, day, hours, int(minute or 0), int(second or 0))
        except ValueError as error:
            raise _bad_date(value) from error
        if offset:
            return parsed.replace(tzinfo=datetime.strptime(_offset(offset), "%z").tzinfo)
        return parsed
    match = _WORD_DATE.fullmatch(value)
    if match and match.group(2).lower() in _MONTHS:
        try:
            return datetime(
                int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1))
            )
        except ValueError as error:
            raise _bad_date(value) from error
    raise _bad_date(value)


def _offset(text: str) -> str:
    sign, digits = text[0], text[1:].replace(":", "")
    return sign + (digits.zfill(2) + "00" if len(digits) <= 2 else digits.zfill(4))


def _bad_date(value: str) -> ValidationError:
    return ValidationError("date", _("Not a date: {text}").format(text=value))


def split_tags(text: str, *, multi_values: bool) -> list[str]:
    """Tag names: a JSON list (leadtui), ``a ::: b`` (Google), ``"a","b"`` or ``a, b``."""
    value = text.strip()
    if not value:
        return []
    if value.startswith("[") and value.endswith("]"):
        try:
            loaded = json.loads(value)
        except ValueError:
            loaded = None
        if isinstance(loaded, list) and all(isinstance(item, str) for item in loaded):
            return loaded
    if multi_values or " ::: " in value:
        parts = value.split(" ::: ")
        return [part for part in (p.strip() for p in parts) if part and not part.startswith("* ")]
    if value.startswith('"'):
        return [part.strip() for part in next(csv.reader([value])) if part.strip()]
    separator = ";" if ";" in value else ","
    return [part.strip() for part in value.split(separator) if part.strip()]
