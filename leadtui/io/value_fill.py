"""Typed lead column values from the raw strings of one row, target by target.

:class:`ValueFiller` is the checking half of :class:`leadtui.io.convert.RowConverter`:
it raises :class:`~leadtui.domain.validation.ValidationError` on the first value it
refuses, and the converter decides what to leave out.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any
from unicodedata import normalize

from leadtui.domain.enums import LeadSource
from leadtui.domain.lead_input import TEXT_FIELDS
from leadtui.domain.sources import source_key
from leadtui.domain.team import clean_user
from leadtui.domain.validation import (
    ValidationError,
    clean_text,
    email_key,
    parse_money,
    validate_url,
)
from leadtui.i18n import _
from leadtui.io.layout import Format
from leadtui.io.money_cells import checked_currency
from leadtui.io.phones import PhoneNormalizer
from leadtui.io.row_outcome import Converted
from leadtui.io.values import EmailChecker, parse_date, parse_flag

SOURCES = frozenset(source.value for source in LeadSource)
DATE_FIELDS = ("consent_at", "next_followup_at", "created_at")
"""The targets that hold a date."""
_CHOICES = frozenset({"source", "consent", "stage", "value_cents", "value", "currency", "score"})
"""The targets :meth:`ValueFiller._fill_choices` reads."""


class ValueFiller:
    """Fills a :class:`Converted` from one row's raw strings, for the targets of one mapping."""

    def __init__(
        self,
        fmt: Format,
        targets: Set[str],
        *,
        stages: dict[str, str],
        source: str | None,
        region: str | None,
    ) -> None:
        self.fmt = fmt
        self.stages = stages
        self.source = source
        self.region = region
        self.emails = EmailChecker()
        self.phones = PhoneNormalizer(region)
        self.unplaced: list[str] = []
        """National phone numbers of the row being converted that no region places."""
        self._texts = [(name, limit) for name, limit in TEXT_FIELDS.items() if name in targets]
        self._maps_consent_at = "consent_at" in targets
        self._maps_choices = not targets.isdisjoint(_CHOICES)
        self._dates = [name for name in DATE_FIELDS if name in targets]
        self.day_first: dict[str, bool] = {}
        """The order each date target's column was decided to be read in (whole column)."""

    def _fill(self, result: Converted, raw: dict[str, str]) -> None:
        values, given = result.values, result.given
        for name, limit in self._texts:
            if name in raw:
                text = raw[name]
                if text.isprintable():  # clean_text's cheap case, inline
                    text = text.strip()
                    if not text.isascii():
                        text = normalize("NFC", text)
                    if len(text) <= limit:
                        values[name] = text
                        continue
                values[name] = clean_text(raw[name], max_length=limit, field=name)
        if "full_name" in raw and not (values.get("first_name") or values.get("last_name")):
            full = clean_text(raw["full_name"], max_length=401, field="first_name")
            first, _sep, last = full.partition(" ")
            values["first_name"] = clean_text(
                first, max_length=TEXT_FIELDS["first_name"], field="first_name"
            )
            values["last_name"] = clean_text(
                last, max_length=TEXT_FIELDS["last_name"], field="last_name"
            )
        if "owner" in raw:
            values["owner"] = clean_user(raw["owner"])
        if "email" in raw:
            values["email"] = self.emails.check(raw["email"])
            values["email_key"] = email_key(values["email"])
        if "phone" in raw:
            phone = raw["phone"]
            phone = phone[1:] if phone[:1] == "'" else phone  # a spreadsheet-safe export
            if phone.startswith("p:"):  # Meta Lead Ads writes p:+34…
                phone = phone[2:]
            values["phone"], values["phone_e164"] = self.phones.normalize(phone)
            if self.region is None and values["phone_e164"] is None and values["phone"]:
                self.unplaced.append(values["phone"])
        if "website" in raw:
            values["website"] = validate_url(raw["website"])
        if self._maps_choices:
            self._fill_choices(values, raw)
        for name in self._dates:
            if name in raw:
                try:
                    values[name] = parse_date(
                        raw[name],
                        day_first=self.day_first.get(name, self.fmt.day_first),
                        strict=name in self.day_first,
                    )
                except ValidationError as error:
                    raise ValidationError(name, error.message) from error
        given.update(values)
        given.discard("source")
        if self.fmt.consent is not None and "consent" not in raw:
            values["consent"] = self.fmt.consent
            given.add("consent")
            if not self.fmt.consent:  # unsubscribed or cleaned: the old opt-in time is void
                values.pop("consent_at", None)
                given.discard("consent_at")
        if self.source is not None:
            values["source"] = self.source
            given.add("source")
        elif "source" not in values:
            values["source"] = self.fmt.source
        if values.get("consent") and "created_at" in values and not self._maps_consent_at:
            values["consent_at"] = values["created_at"]

    def _fill_choices(self, values: dict[str, Any], raw: dict[str, str]) -> None:
        if "source" in raw:
            # Known words (English, Spanish) map to their source, anything else to "other".
            source = raw["source"]
            values["source"] = source if source in SOURCES else source_key(source)
        if "consent" in raw:
            values["consent"] = parse_flag(raw["consent"])
        if "stage" in raw:
            key = self.stages.get(raw["stage"].casefold())
            if key is None:
                raise ValidationError(
                    "stage", _("Unknown stage: {stage}").format(stage=raw["stage"])
                )
            values["stage"] = key
        currency: str | None = None
        if "currency" in raw:
            currency = raw["currency"].strip().upper()
            if len(currency) != 3 or not currency.isalpha():
                raise ValidationError("currency", _("A currency is three letters, e.g. EUR."))
        if "value_cents" in raw:
            values["value_cents"] = _int_in(raw["value_cents"], 0, 10**15, "value")
        elif "value" in raw:
            values["value_cents"] = parse_money(raw["value"])
            # "$300" is dollars: the symbol or code the amount names is its currency.
            currency = checked_currency(raw["value"], currency, self.region)
        if currency is not None:
            values["currency"] = currency
        if "score" in raw:
            values["score"] = _int_in(raw["score"], 0, 100, "score")


def _int_in(text: str, low: int, high: int, name: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise ValidationError(
            name,
            _("Not a whole number from {low} to {high}: {text}").format(
                low=low, high=high, text=text
            ),
        )
    return number
