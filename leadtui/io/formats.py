"""The export layouts leadtui recognises from their headers, in English and Spanish.

Each :class:`Format` knows its exact header names; question-title columns
(Typeform, Google Forms) and unknown CSVs fall back to keyword rules in
:mod:`leadtui.io.mapping`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from leadtui.i18n import _
from leadtui.storage.columns import EXPORTED_LEAD_COLUMNS

IGNORE = "ignore"
FORMULA_GUARD = "'"
"""What a spreadsheet-safe export (:func:`leadtui.io.export.neutralise`) puts before a cell
starting with one of :data:`FORMULA_STARTS`; taken off again when that export is imported."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def normalize_header(header: str) -> str:
    """Lower case, no accents, punctuation as single spaces: ``¿Tu Correo?`` → ``tu correo``."""
    text = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass(frozen=True, slots=True)
class Format:
    """A recognised export layout."""

    key: str
    label: str
    source: str = "import"
    day_first: bool = False
    consent: bool | None = None
    """Consent of every row (Mailchimp: subscribed True, unsubscribed/cleaned False)."""
    exact: dict[str, str] = field(default_factory=dict)
    """Normalised header → field."""
    multi_values: bool = False
    """Cells may hold several values separated by `` ::: `` (Google Contacts)."""


def _table(pairs: dict[str, str]) -> dict[str, str]:
    return {normalize_header(header): target for header, target in pairs.items()}


LEADTUI_COLUMNS: tuple[str, ...] = (*EXPORTED_LEAD_COLUMNS, "tags")
"""The header of a leadtui CSV export: the lead's non-internal columns, then its tags."""

LEADTUI = Format(
    "leadtui", _("leadtui export"), exact={**{name: name for name in LEADTUI_COLUMNS}, "id": IGNORE}
)

HUBSPOT = Format(
    "hubspot",
    _("HubSpot contacts"),
    exact=_table(
        {
            "Record ID": IGNORE,
            "First Name": "first_name",
            "Last Name": "last_name",
            "Email": "email",
            "Phone Number": "phone",
            "Mobile Phone Number": "phone",
            "Company Name": "company",
            "Job Title": "job_title",
            "Website URL": "website",
            "Lifecycle Stage": IGNORE,
            "Lead Status": IGNORE,
            "Create Date": "created_at",
            "Contact owner": IGNORE,
            "Last Activity Date": IGNORE,
            "Marketing contact status": IGNORE,
            "ID de registro": IGNORE,
            "Nombre": "first_name",
            "Apellidos": "last_name",
            "Correo": "email",
            "Número de teléfono": "phone",
            "Número de teléfono móvil": "phone",
            "Nombre de la empresa": "company",
            "Cargo": "job_title",
            "URL del sitio web": "website",
            "Fase del ciclo de vida": IGNORE,
            "Estado del lead": IGNORE,
            "Fecha de creación": "created_at",
            "Propietario del contacto": IGNORE,
            "Fecha de la última actividad": IGNORE,
        }
    ),
)

_MAILCHIMP = _table(
    {
        "Email Address": "email",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Address": IGNORE,
        "Phone Number": "phone",
        "Birthday": IGNORE,
        "Company": "company",
        "MEMBER_RATING": IGNORE,
        "OPTIN_TIME": IGNORE,
        "OPTIN_IP": IGNORE,
        "CONFIRM_TIME": "consent_at",
        "CONFIRM_IP": IGNORE,
        "LATITUDE": IGNORE,
        "LONGITUDE": IGNORE,
        "GMTOFF": IGNORE,
        "DSTOFF": IGNORE,
        "TIMEZONE": IGNORE,
        "CC": IGNORE,
        "REGION": IGNORE,
        "LAST_CHANGED": IGNORE,
        "LEID": IGNORE,
        "EUID": IGNORE,
        "NOTES": "note",
        "TAGS": "tags",
        "UNSUB_TIME": IGNORE,
        "UNSUB_CAMPAIGN_TITLE": IGNORE,
        "UNSUB_CAMPAIGN_ID": IGNORE,
        "UNSUB_REASON": "note",
        "UNSUB_REASON_OTHER": "note",
        "CLEAN_TIME": IGNORE,
        "CLEAN_CAMPAIGN_TITLE": IGNORE,
        "CLEAN_CAMPAIGN_ID": IGNORE,
        "Dirección de correo electrónico": "email",
        "Nombre": "first_name",
        "Apellido": "last_name",
        "Dirección": IGNORE,
        "Número de teléfono": "phone",
        "Cumpleaños": IGNORE,
        "Empresa": "company",
    }
)
MAILCHIMP = Format(
    "mailchimp",
    _("Mailchimp audience (subscribed)"),
    source="newsletter",
    consent=True,
    exact=_MAILCHIMP,
)
MAILCHIMP_UNSUBSCRIBED = Format(
    "mailchimp-unsubscribed",
    _("Mailchimp audience (unsubscribed)"),
    source="newsletter",
    consent=False,
    exact=_MAILCHIMP,
)
MAILCHIMP_CLEANED = Format(
    "mailchimp-cleaned",
    _("Mailchimp audience (cleaned)"),
    source="newsletter",
    consent=False,
    exact=_MAILCHIMP,
)

_GOOGLE_PATTERNS = (
    (re.compile(r"^(e ?mail|correo electronico) \d+ (value|valor)$"), "email"),
    (re.compile(r"^(phone|telefono) \d+ (value|valor)$"), "phone"),
    (re.compile(r"^(website|sitio web) \d+ (value|valor)$"), "website"),
    (re.compile(r"^(organization|organizacion) \d+ (name|nombre)$"), "company"),
    (re.compile(r"^(organization|organizacion) \d+ (title|cargo)$"), "job_title"),
    (re.compile(r"^(organization|organizacion) \d+ "), IGNORE),  # department, symbol, location
    (re.compile(r" \d+ (label|type|etiqueta|tipo)$"), IGNORE),
    (re.compile(r" \d+ (value|valor)$"), IGNORE),  # IM, Relation, Event, Custom Field, Address
)
GOOGLE_CONTACTS = Format(
    "google-contacts",
    _("Google Contacts"),
    multi_values=True,
    exact=_table(
        {
            "First Name": "first_name",
            "Middle Name": IGNORE,
            "Last Name": "last_name",
            "Organization Name": "company",
            "Organization Title": "job_title",
            "Organization Department": IGNORE,
            "Name Prefix": IGNORE,
            "Name Suffix": IGNORE,
            "Phonetic First Name": IGNORE,
            "Phonetic Middle Name": IGNORE,
            "Phonetic Last Name": IGNORE,
            "Notes": "note",
            "Labels": "tags",
            "Nickname": IGNORE,
            "File As": IGNORE,
            "Birthday": IGNORE,
            "Photo": IGNORE,
            "Nombre": "first_name",
            "Segundo nombre": IGNORE,
            "Apellido": "last_name",
            "Nombre de la organización": "company",
            "Cargo en la organización": "job_title",
            "Notas": "note",
            "Etiquetas": "tags",
        }
    ),
)
GOOGLE_CONTACTS_LEGACY = Format(
    "google-contacts-legacy",
    _("Google Contacts (legacy)"),
    multi_values=True,
    exact=_table(
        {
            "Name": "full_name",
            "Given Name": "first_name",
            "Additional Name": IGNORE,
            "Family Name": "last_name",
            "Yomi Name": IGNORE,
            "Nickname": IGNORE,
            "Notes": "note",
            "Group Membership": "tags",
            "Birthday": IGNORE,
            "Initials": IGNORE,
        }
    ),
)

LINKEDIN = Format(
    "linkedin",
    _("LinkedIn connections"),
    source="social",
    exact=_table(
        {
            "First Name": "first_name",
            "Last Name": "last_name",
            "URL": "website",
            "Email Address": "email",
            "Company": "company",
            "Position": "job_title",
            "Connected On": "created_at",
            "Nombre": "first_name",
            "Apellidos": "last_name",
            "Dirección de correo electrónico": "email",
            "Empresa": "company",
            "Cargo": "job_title",
            "Fecha de conexión": "created_at",
        }
    ),
)

TYPEFORM = Format(
    "typeform",
    _("Typeform responses"),
    source="landing_page",
    exact=_table(
        {
            "#": IGNORE,
            "Response Type": IGNORE,
            "Start Date (UTC)": IGNORE,
            "Stage Date (UTC)": IGNORE,
            "Submit Date (UTC)": "created_at",
            "Network ID": IGNORE,
            "Tags": "tags",
            "Fecha de inicio (UTC)": IGNORE,
            "Fecha de envío (UTC)": "created_at",
            "ID de red": IGNORE,
            "Etiquetas": "tags",
        }
    ),
)
GOOGLE_FORMS = Format(
    "google-forms",
    _("Google Forms responses"),
    source="landing_page",
    exact=_table(
        {"Timestamp": "created_at", "Email Address": "email", "Score": IGNORE, "Puntuación": IGNORE}
    ),
)
GOOGLE_FORMS_ES = Format(
    "google-forms-es",
    _("Google Forms responses (Spanish)"),
    source="landing_page",
    day_first=True,
    exact=_table(
        {
            "Marca temporal": "created_at",
            "Dirección de correo electrónico": "email",
            "Puntuación": IGNORE,
        }
    ),
)
META_LEAD_ADS = Format(
    "meta-lead-ads",
    _("Facebook/Instagram Lead Ads"),
    source="ads",
    exact=_table(
        {
            "id": IGNORE,
            "created_time": "created_at",
            "ad_id": IGNORE,
            "ad_name": IGNORE,
            "adset_id": IGNORE,
            "adset_name": IGNORE,
            "campaign_id": IGNORE,
            "campaign_name": "utm_campaign",
            "form_id": IGNORE,
            "form_name": "campaign",
            "is_organic": IGNORE,
            "platform": "utm_source",
            "full_name": "full_name",
            "first_name": "first_name",
            "last_name": "last_name",
            "email": "email",
            "phone_number": "phone",
            "company_name": "company",
            "job_title": "job_title",
            "lead_status": IGNORE,
            "inbox_url": IGNORE,
        }
    ),
)
LINKEDIN_LEAD_GEN = Format(
    "linkedin-lead-gen",
    _("LinkedIn Lead Gen Forms"),
    source="ads",
    exact=_table(
        {
            "Lead ID": IGNORE,
            "First Name": "first_name",
            "Last Name": "last_name",
            "Email Address": "email",
            "Work Email": "email",
            "Phone Number": "phone",
            "Company Name": "company",
            "Job Title": "job_title",
            "Campaign Name": "utm_campaign",
            "Campaign ID": IGNORE,
            "Form Name": "campaign",
            "Lead Form Name": "campaign",
            "Submitted At": "created_at",
            "Date": "created_at",
            "LinkedIn Profile URL": "website",
            "Account Name": IGNORE,
            "Ad Name": IGNORE,
        }
    ),
)
GOOGLE_ADS_LEADS = Format(
    "google-ads-leads",
    _("Google Ads lead form"),
    source="ads",
    exact=_table(
        {
            "Lead ID": IGNORE,
            "Campaign ID": IGNORE,
            "Campaign": "utm_campaign",
            "Campaign Name": "utm_campaign",
            "Ad group ID": IGNORE,
            "Creative ID": IGNORE,
            "Form ID": IGNORE,
            "Form Name": "campaign",
            "Lead submit time": "created_at",
            "Submit time": "created_at",
            "Is test": IGNORE,
            "Full Name": "full_name",
            "First Name": "first_name",
            "Last Name": "last_name",
            "Email": "email",
            "User Email": "email",
            "Phone Number": "phone",
            "User Phone": "phone",
            "Company Name": "company",
            "Job Title": "job_title",
            "GCLID": IGNORE,
        }
    ),
)
OUTLOOK = Format(
    "outlook",
    _("Outlook contacts"),
    exact=_table(
        {
            "Title": IGNORE,
            "First Name": "first_name",
            "Middle Name": IGNORE,
            "Last Name": "last_name",
            "Suffix": IGNORE,
            "Company": "company",
            "Department": IGNORE,
            "Job Title": "job_title",
            "E-mail Address": "email",
            "E-mail 2 Address": "note",
            "E-mail 3 Address": "note",
            "Mobile Phone": "phone",
            "Business Phone": "phone",
            "Home Phone": "phone",
            "Web Page": "website",
            "Notes": "note",
            "Categories": "tags",
            "E-mail Display Name": IGNORE,
            "Birthday": IGNORE,
            "Tratamiento": IGNORE,
            "Nombre": "first_name",
            "Segundo nombre": IGNORE,
            "Apellidos": "last_name",
            "Organización": "company",
            "Puesto": "job_title",
            "Dirección de correo electrónico": "email",
            "Teléfono móvil": "phone",
            "Teléfono del trabajo": "phone",
            "Página web": "website",
            "Notas": "note",
            "Categorías": "tags",
        }
    ),
)
THUNDERBIRD = Format(
    "thunderbird",
    _("Thunderbird address book"),
    exact=_table(
        {
            "First Name": "first_name",
            "Last Name": "last_name",
            "Display Name": "full_name",
            "Nickname": IGNORE,
            "Primary Email": "email",
            "Secondary Email": "note",
            "Screen Name": IGNORE,
            "Work Phone": "phone",
            "Home Phone": "phone",
            "Mobile Number": "phone",
            "Organization": "company",
            "Department": IGNORE,
            "Job Title": "job_title",
            "Web Page 1": "website",
            "Web Page 2": IGNORE,
            "Notes": "note",
        }
    ),
)
BREVO = Format(
    "brevo",
    _("Brevo contacts"),
    source="newsletter",
    exact=_table(
        {
            "CONTACT ID": IGNORE,
            "EMAIL": "email",
            "FIRSTNAME": "first_name",
            "LASTNAME": "last_name",
            "NOMBRE": "first_name",
            "APELLIDOS": "last_name",
            "SMS": "phone",
            "WHATSAPP": "phone",
            "ADDED_TIME": "created_at",
            "MODIFIED_TIME": IGNORE,
            "EMAIL_BLACKLISTED": IGNORE,
            "SMS_BLACKLISTED": IGNORE,
        }
    ),
)
GENERIC = Format("csv", _("CSV (columns mapped by name)"))

FORMATS = (
    LEADTUI,
    HUBSPOT,
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
    if {"member rating", "leid"} <= names or {"member rating", "euid"} <= names:
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
        for pattern, target in _GOOGLE_PATTERNS:
            if pattern.search(name):
                return target
    return found
