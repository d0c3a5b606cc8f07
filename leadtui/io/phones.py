"""Phone numbers of an import: the region national numbers belong to, and a fast normaliser."""

from __future__ import annotations

import os
import re

from leadtui.domain.validation import clean_text, normalize_phone
from leadtui.i18n import _

_INTERNATIONAL = re.compile(r"\+[1-9][\d \-.]{6,20}")

NO_REGION = "ZZ"
"""phonenumbers' "unknown region": international numbers parse, national ones do not."""


def phone_region(given: str | None = None) -> str | None:
    """The country national phone numbers of an import belong to, or ``None``.

    ``--region XX`` (``given``), else the ``LEADTUI_REGION`` setting, else the territory
    of the user's locale (``es_ES.UTF-8`` → ``ES``), else none: a national number is then
    kept as typed (and reported), never given a guessed country code. ``none`` asks
    for no region explicitly.
    """
    import phonenumbers

    for candidate in (given, os.environ.get("LEADTUI_REGION")):
        code = (candidate or "").strip().upper()
        if not code:
            continue
        if code in ("NONE", "-"):
            return None
        if code not in phonenumbers.SUPPORTED_REGIONS:
            from leadtui.io.errors import ImportRefused

            raise ImportRefused(
                _(
                    "Unknown region {region!r}: use a two-letter country code such as ES or MX."
                ).format(region=candidate)
            )
        return code
    for variable in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            territory = value.partition(".")[0].partition("@")[0].partition("_")[2].upper()
            return territory if territory in phonenumbers.SUPPORTED_REGIONS else None
    return None


class PhoneNormalizer:
    """:func:`leadtui.domain.validation.normalize_phone` with a fast path for ``+CC …`` numbers.

    A number written in international form with digits, spaces, dashes and dots
    only is E.164 whenever phonenumbers would call it possible; possibility
    depends only on the country code and the length, so it is computed once per
    (country, length). Anything else (national form, extensions, leading zeros,
    countries whose national prefix could be stripped) takes the full parse.
    """

    def __init__(self, region: str | None) -> None:
        self.region = region or NO_REGION
        self._possible: dict[tuple[int, int], bool] = {}
        self._codes: dict[str, tuple[int, int] | None] = {}

    def normalize(self, raw: str) -> tuple[str | None, str | None]:
        """``(phone to store, E.164 or None)`` exactly as ``normalize_phone`` gives."""
        text = clean_text(raw, max_length=64, field="phone")
        if self.region == NO_REGION and text.startswith("00"):
            text = "+" + text[2:]  # the international prefix of most countries
        if text and _INTERNATIONAL.fullmatch(text):
            digits = text[1:].replace(" ", "").replace("-", "").replace(".", "")
            fast = self._fast(digits)
            if fast is not None:
                return fast, fast
        return normalize_phone(text, self.region)

    def _country(self, prefix: str) -> tuple[int, int] | None:
        """``(country code, its length)`` at the start of ``prefix`` (up to 3 digits)."""
        import phonenumbers

        for size in (1, 2, 3):
            code = int(prefix[:size])
            if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
                return code, size
        return None

    def _fast(self, digits: str) -> str | None:
        prefix = digits[:3]
        if prefix not in self._codes:
            self._codes[prefix] = self._country(prefix)
        found = self._codes[prefix]
        if found is None:
            return None
        code, size = found
        national = digits[size:]
        if not national or national[0] == "0":
            return None
        key = (code, len(national))
        if key not in self._possible:
            import phonenumbers

            region = phonenumbers.region_code_for_country_code(code)
            meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
            number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
            self._possible[key] = (
                meta is not None
                and meta.national_prefix_for_parsing is None
                and meta.national_prefix is None
                and phonenumbers.is_possible_number_with_reason(number)
                == phonenumbers.ValidationResult.IS_POSSIBLE
            )
        return f"+{code}{national}" if self._possible[key] else None
