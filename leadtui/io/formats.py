"""Which export layout a header is, in English and Spanish, and how it maps a column.

Each :class:`~leadtui.io.layout.Format` knows its exact header names; question-title columns
(Typeform, Google Forms) and unknown CSVs fall back to keyword rules in
:mod:`leadtui.io.mapping`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from leadtui.i18n import _
from leadtui.io.layout import Format, normalize_header
from leadtui.io.layouts_contacts import (
    GOOGLE_CONTACTS,
    GOOGLE_CONTACTS_LEGACY,
    GOOGLE_PATTERNS,
    LINKEDIN,
    OUTLOOK,
    THUNDERBIRD,
)
from leadtui.io.layouts_crm import (
    BREVO,
    HUBSPOT,
    HUBSPOT_LEGACY,
    LEADTUI,
    MAILCHIMP,
    MAILCHIMP_CLEANED,
    MAILCHIMP_UNSUBSCRIBED,
)
from leadtui.io.layouts_forms import (
    GOOGLE_ADS_LEADS,
    GOOGLE_FORMS,
    GOOGLE_FORMS_ES,
    LINKEDIN_LEAD_GEN,
    META_LEAD_ADS,
    TYPEFORM,
)
from leadtui.io.layouts_sites import (
    CF7_CFDB7,
    CF7_FLAMINGO,
    ELEMENTOR,
    JOTFORM,
    TALLY,
    detect_site_format,
)

GENERIC = Format("csv", _("CSV (columns mapped by name)"))

FORMATS = (
    LEADTUI,
    HUBSPOT,
    HUBSPOT_LEGACY,
    MAILCHIMP,
    MAILCHIMP_UNSUBSCRIBED,
    MAILCHIMP_CLEANED,
    GOOGLE_CONTACTS,
    GOOGLE_CONTACTS_LEGACY,
    LINKEDIN,
    TYPEFORM,
    GOOGLE_FORMS,
    GOOGLE_FORMS_ES,
    META_LEAD_ADS,
    LINKEDIN_LEAD_GEN,
    GOOGLE_ADS_LEADS,
    OUTLOOK,
    THUNDERBIRD,
    BREVO,
    TALLY,
    JOTFORM,
    CF7_FLAMINGO,
    CF7_CFDB7,
    ELEMENTOR,
    GENERIC,
)
BY_KEY = {fmt.key: fmt for fmt in FORMATS}


def detect_format(header: Sequence[str]) -> Format:
    """The format whose signature columns ``header`` has; :data:`GENERIC` otherwise."""
    names = {normalize_header(cell) for cell in header}
    raw = {cell.strip() for cell in header}
    if {"first_name", "last_name", "email", "stage"} <= raw:
        return LEADTUI
    if names & {"record id", "id de registro"}:
        return HUBSPOT
    if names & {"contact id", "id del contacto"} and names & {
        "lifecycle stage",
        "hubspot owner",
        "contact owner",
        "fase del ciclo de vida",
        "propietario de hubspot",
        "propietario del contacto",
    }:
        return HUBSPOT_LEGACY
    # Current exports carry LEID/EUID; older ones only the opt-in columns.
    if "member rating" in names and names & {"leid", "euid", "optin time"}:
        if "unsub time" in names:
            return MAILCHIMP_UNSUBSCRIBED
        if "clean time" in names:
            return MAILCHIMP_CLEANED
        return MAILCHIMP
    if "given name" in names and "family name" in names:
        return GOOGLE_CONTACTS_LEGACY
    if any(re.match(r"(e mail|correo electronico) 1 (value|valor)$", name) for name in names):
        return GOOGLE_CONTACTS
    if {"connected on", "position"} <= names or {"fecha de conexion", "cargo"} <= names:
        return LINKEDIN  # both layouts: with the URL column and the older one without
    if {"full name", "phone number", "created time"} <= names or {"form name", "platform"} <= names:
        return META_LEAD_ADS
    if "lead id" in names and (
        "lead submit time" in names or "gclid" in names or "is test" in names
    ):
        return GOOGLE_ADS_LEADS
    if "lead id" in names:
        return LINKEDIN_LEAD_GEN
    if {"e mail address", "job title", "business phone"} <= names or "e mail display name" in names:
        return OUTLOOK
    if {"primary email", "display name"} <= names:
        return THUNDERBIRD
    if "contact id" in names and ("email blacklisted" in names or "sms" in names):
        return BREVO
    site = detect_site_format(names)
    if site is not None:
        return site
    if "network id" in names or "id de red" in names:
        return TYPEFORM
    if "marca temporal" in names:
        return GOOGLE_FORMS_ES
    if "timestamp" in names:
        return GOOGLE_FORMS
    return GENERIC


def exact_field(fmt: Format, header: str) -> str | None:
    """The field ``fmt`` maps ``header`` to by name, or ``None`` to fall back to keywords."""
    if fmt is LEADTUI:
        return LEADTUI.exact.get(header.strip())
    name = normalize_header(header)
    found = fmt.exact.get(name)
    if found is None and fmt.multi_values:
        for pattern, target in GOOGLE_PATTERNS:
            if pattern.search(name):
                return target
    return found
