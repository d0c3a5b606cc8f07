"""Turn what a user typed (a :class:`LeadInput`) into clean column values, or errors.

The form calls :func:`check_lead_input` to show inline errors; the store calls
it again before writing, so nothing unvalidated reaches the database.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from leadtui.domain.enums import LeadSource
from leadtui.domain.rows import LeadInput
from leadtui.domain.validation import (
    MAX_NAME,
    MAX_SHORT,
    ValidationError,
    clean_text,
    email_key,
    normalize_phone,
    validate_email,
    validate_phone,
    validate_url,
)
from leadtui.i18n import _

TEXT_FIELDS: dict[str, int] = {
    "first_name": MAX_NAME,
    "last_name": MAX_NAME,
    "company": MAX_SHORT,
    "job_title": MAX_SHORT,
    "campaign": MAX_SHORT,
    "utm_source": MAX_SHORT,
    "utm_medium": MAX_SHORT,
    "utm_campaign": MAX_SHORT,
}
INPUT_FIELDS = tuple(f.name for f in fields(LeadInput))


def check_lead_input(
    data: LeadInput, *, strict_phone: bool = True, stage_keys: tuple[str, ...] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean every field. Returns ``(values, errors)``; ``errors`` maps field to message.

    ``values`` holds Lead column names (``email_key`` and ``phone_e164`` derived).
    ``strict_phone`` refuses unparseable phones (the form); imports keep them raw.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, limit in TEXT_FIELDS.items():
        try:
            values[name] = clean_text(getattr(data, name), max_length=limit, field=name)
        except ValidationError as error:
            errors[name] = error.message
    try:
        values["email"] = validate_email(data.email)
        values["email_key"] = email_key(values["email"])
    except ValidationError as error:
        errors["email"] = error.message
    try:
        if strict_phone:
            e164 = validate_phone(data.phone)
            values["phone"], values["phone_e164"] = e164, e164
        else:
            values["phone"], values["phone_e164"] = normalize_phone(data.phone)
    except ValidationError as error:
        errors["phone"] = error.message
    try:
        values["website"] = validate_url(data.website)
    except ValidationError as error:
        errors["website"] = error.message
    if data.source not in {source.value for source in LeadSource}:
        errors["source"] = _("Unknown source: {source}").format(source=data.source)
    else:
        values["source"] = data.source
    if stage_keys is not None and data.stage not in stage_keys:
        errors["stage"] = _("Unknown stage: {stage}").format(stage=data.stage)
    else:
        values["stage"] = data.stage
    if data.value_cents < 0:
        errors["value_cents"] = _("The value cannot be negative.")
    values["value_cents"] = data.value_cents
    currency = (data.currency or "EUR").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = _("A currency is three letters, e.g. EUR.")
    values["currency"] = currency
    if data.score is not None and not 0 <= data.score <= 100:
        errors["score"] = _("The score goes from 0 to 100.")
    values["score"] = data.score
    values["consent"] = bool(data.consent)
    values["next_followup_at"] = data.next_followup_at
    if (
        not (
            values.get("first_name")
            or values.get("last_name")
            or values.get("email")
            or values.get("phone")
        )
        and not errors
    ):
        errors["first_name"] = _("A lead needs at least a name, an email or a phone.")
    try:
        values["tags"] = sorted(
            {clean_text(tag, max_length=60, field="tags") for tag in data.tags} - {""}
        )
    except ValidationError as error:
        errors["tags"] = error.message
    return values, errors
