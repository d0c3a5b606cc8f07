"""Clean and check what users type or import: text, emails, phones, money, web addresses.

Core module: no Textual here. ``email_validator`` and ``phonenumbers`` are
imported inside the functions that use them because together they add about
0.15 s to start-up.
"""

from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import urlsplit

from leadtui.domain.controls import strip_controls
from leadtui.domain.errors import LeadtuiError
from leadtui.domain.money import amount_cents
from leadtui.i18n import _, input_locale

MAX_NAME = 200
MAX_EMAIL = 320
MAX_NOTE = 20000
MAX_SHORT = 200
MAX_URL = 500
# Matches Lead.phone; an unparseable phone is stored as typed, so it needs a bound.
_MAX_PHONE = 64
# Keeps value_cents well inside SQLite's signed 64-bit INTEGER.
_MAX_CENTS = 10**15

DEFAULT_REGION: str = os.environ.get("LEADTUI_REGION", "").strip().upper() or "ES"


class ValidationError(LeadtuiError, ValueError):
    """A field's value was refused.

    A :class:`LeadtuiError` (so every caller that reports store errors reports this
    one too, e.g. a 61-character tag name) and still a ``ValueError``.

    ``field`` is the input field name (``"email"``, ``"phone"``, ``"first_name"``,
    ...); ``message`` is user-readable and already translated; ``str(error)`` is
    the message.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


def clean_text(
    value: str | None,
    *,
    max_length: int = MAX_SHORT,
    multiline: bool = False,
    field: str = "text",
) -> str:
    """Return ``value`` without controls, trimmed and NFC-normalised (``None`` gives ``""``).

    With ``multiline`` each line's trailing whitespace is trimmed too.
    Raises :class:`ValidationError` for ``field`` if the result is longer than
    ``max_length`` characters.
    """
    if value is None:
        return ""
    if value.isprintable():
        # Nothing to strip and no newline (the common case, kept cheap for imports);
        # ASCII text is already NFC.
        text = value.strip()
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
    else:
        text = strip_controls(value, multiline=multiline)
        if multiline:
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        text = unicodedata.normalize("NFC", text.strip())
    if len(text) > max_length:
        raise ValidationError(
            field, _("Too long: at most {limit} characters.").format(limit=max_length)
        )
    return text


def email_key(email: str | None) -> str | None:
    """Return the duplicate-detection key of ``email``, or ``None`` when it is blank.

    The key is the cleaned address, NFC-normalised and case-folded, so
    ``Bob@Example.COM`` and ``bob@example.com`` (or NFC and NFD spellings)
    share a key; the domain is also NFKC-folded and written in its IDNA ASCII
    form, so ``user@bücher.de``, ``user@xn--bcher-kva.de`` and a full-width
    ``ｅｘ.com`` (``ex.com``) share one too. Changing this function changes stored
    keys: existing rows are recomputed by a migration (``storage/email_keys.py``).
    """
    if email is None:
        return None
    if email.isascii() and email.isprintable():
        # Nothing to strip or normalise, and ASCII case folding is lower() (imports).
        return email.strip().lower() or None
    text = unicodedata.normalize("NFC", strip_controls(email).strip())
    if not text:
        return None
    # Case folding can leave a decomposed sequence (e.g. for "İ"); recompose it.
    local, at, domain = unicodedata.normalize("NFC", text.casefold()).rpartition("@")
    return f"{local}{at}{fold_domain(domain)}" if at else domain


def fold_domain(domain: str) -> str:
    """``domain`` NFKC-folded, lower case, in IDNA's ASCII form (``xn--…``) when it is a
    valid internationalised name; else the folded text as it is."""
    folded = unicodedata.normalize("NFKC", domain).casefold()
    if folded.isascii():
        return folded
    import idna

    try:
        return idna.encode(folded, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return folded


def validate_email(email: str | None) -> str | None:
    """Check ``email``'s syntax and return it cleaned but otherwise as typed.

    Blank gives ``None``. Never looks anything up in DNS. Raises
    :class:`ValidationError` for ``"email"`` when the address is not valid.
    """
    text = clean_text(email, max_length=MAX_EMAIL, field="email")
    if not text:
        return None
    import email_validator

    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        from leadtui.domain.email_reasons import email_reason

        reason = email_reason(str(error))
        raise ValidationError(
            "email", _("Not a valid email address: {reason}").format(reason=reason)
        ) from error
    return text


def normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> tuple[str | None, str | None]:
    """Return ``(phone to store, E.164 or None)`` for a phone as typed or imported.

    Blank gives ``(None, None)``. A number that parses (national numbers are
    read as ``region``'s) gives its E.164 form twice, with `` ext. N`` added to
    the stored form when it has an extension. Anything else is kept as cleaned
    text with no E.164, so nothing is lost. Raises :class:`ValidationError` for
    ``"phone"`` only when the text is longer than 64 characters.
    """
    text = clean_text(raw, max_length=_MAX_PHONE, field="phone")
    if not text:
        return None, None
    parsed = _parse_phone(text, region)
    if parsed is None:
        return text, None
    e164, extension = parsed
    return (f"{e164} ext. {extension}" if extension else e164), e164


def validate_phone(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """Return ``raw`` as E.164, or ``None`` when blank; for form fields.

    Raises :class:`ValidationError` for ``"phone"`` when it is not a possible
    number, or when it has an extension (E.164 has no room for one, and
    dropping it silently would lose it).
    """
    text = clean_text(raw, max_length=_MAX_PHONE, field="phone")
    if not text:
        return None
    parsed = _parse_phone(text, region)
    if parsed is None:
        raise ValidationError(
            "phone",
            _(
                "Not a valid phone number for {region}; include the country code,"
                " e.g. +34 612 345 678."
            ).format(region=region.upper()),
        )
    e164, extension = parsed
    if extension:
        raise ValidationError(
            "phone", _("Phone extensions cannot be stored; write the extension in a note.")
        )
    return e164


def _parse_phone(text: str, region: str) -> tuple[str, str] | None:
    """``(E.164, extension)`` of a possible number, else ``None``."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        return None
    # A "local only" number lacks its area code, so its E.164 form would be a
    # different, wrong number.
    if not (
        phonenumbers.is_valid_number(number)
        or phonenumbers.is_possible_number_with_reason(number)
        == phonenumbers.ValidationResult.IS_POSSIBLE
    ):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, number.extension or ""


# An ISO code in capitals, or a common one in any case; "12abc" stays garbage.
_CODE = r"(?:[A-Z]{3}|(?i:eur|usd|gbp))"
_CURRENCY_PREFIX = re.compile(rf"^(?:[€$£¥]|{_CODE}(?![A-Za-z]))\s*")
_CURRENCY_SUFFIX = re.compile(rf"\s*(?:[€$£¥]|(?<![A-Za-z]){_CODE})$")
_SPACE_GROUPING = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f'’](?=\d{3}(?!\d))")
_MINUS_SIGNS = "-\u2212\u2013"


def parse_money(text: str) -> int:
    """Return the amount typed in ``text`` as integer cents; blank is 0.

    Accepts English and Spanish separators ("1,200.50", "1.200,50"), a lone
    separator followed by three digits as thousands ("1.200", "$1,200"), and
    a currency symbol or code before or after; where the locale's decimal mark is a
    comma (Spanish), a lone comma is always decimal ("1,200" is 1.20). Raises
    :class:`ValidationError` for ``"value"`` when the amount is negative, has more
    than two decimals or is not a number.
    """
    typed = clean_text(text, field="value")
    if not typed:
        return 0
    amount = typed
    negative = False
    for _pass in range(2):  # the sign may come before or after the symbol
        if amount[:1] in _MINUS_SIGNS:
            negative, amount = True, amount[1:].lstrip()
        elif amount[:1] == "+":
            amount = amount[1:].lstrip()
        amount = _CURRENCY_SUFFIX.sub("", _CURRENCY_PREFIX.sub("", amount, count=1), count=1)
    if amount.startswith("(") and amount.endswith(")"):
        negative, amount = True, amount[1:-1].strip()
    amount = _SPACE_GROUPING.sub("", amount)
    locale = input_locale()
    if locale is not None:
        from leadtui.domain import l10n

        cents = amount_cents(amount, decimal_comma=l10n.decimal_symbol(locale) == ",")
    else:
        cents = amount_cents(amount)
    if cents is None:
        raise ValidationError(
            "value",
            _("Not an amount: {text}. Type a number, e.g. 1200 or 1.200,50.").format(text=typed),
        )
    if negative and cents:
        raise ValidationError(
            "value", _("Not an amount: {text}. Amounts cannot be negative.").format(text=typed)
        )
    if cents >= _MAX_CENTS:
        raise ValidationError("value", _("Not an amount: {text} is too large.").format(text=typed))
    return cents


# A bare domain: a host with at least one dot, an optional port, then a path,
# query or fragment. "javascript:..." and friends cannot match (no colon in a host).
_BARE_DOMAIN = re.compile(r"[^/:?#@\\]+\.[^/:?#@\\.]+(?::\d{1,5})?(?:[/?#].*)?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def validate_url(text: str | None) -> str:
    """Return a web address cleaned but otherwise as typed; blank gives ``""``.

    Accepts ``http://`` and ``https://`` addresses and bare domains such as
    ``example.com/pricing`` (nothing is added). Raises :class:`ValidationError`
    for ``"website"`` on other schemes (``javascript:``, ``data:``, ``file:``,
    ...), on whitespace inside, and on anything else that is not an address.
    """
    url = clean_text(text, max_length=MAX_URL, field="website")
    if not url:
        return ""
    if any(char.isspace() for char in url):
        raise ValidationError("website", _("A web address cannot contain spaces."))
    if url.lower().startswith(("http://", "https://")):
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            return url
    elif _BARE_DOMAIN.fullmatch(url):
        return url
    elif _SCHEME.match(url):
        raise ValidationError("website", _("Only http:// and https:// web addresses are allowed."))
    raise ValidationError(
        "website", _("Not a web address; type e.g. https://example.com or example.com.")
    )
