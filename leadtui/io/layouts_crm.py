"""The layouts of CRMs and newsletter tools: leadtui itself, HubSpot (current and legacy),
Mailchimp, Brevo."""

from __future__ import annotations

from leadtui.i18n import _
from leadtui.io.layout import IGNORE, Format, header_table
from leadtui.storage.columns import EXPORTED_LEAD_COLUMNS

LEADTUI_COLUMNS: tuple[str, ...] = (*EXPORTED_LEAD_COLUMNS, "tags")
"""The header of a leadtui CSV export: the lead's non-internal columns, then its tags."""

LEADTUI = Format(
    "leadtui",
    _("leadtui export"),
    # "value" is the default export's amount (1000.00), "value_cents" the raw one's.
    exact={**{name: name for name in LEADTUI_COLUMNS}, "value": "value", "id": IGNORE},
)

HUBSPOT = Format(
    "hubspot",
    _("HubSpot contacts"),
    exact=header_table(
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

HUBSPOT_LEGACY = Format(
    "hubspot-legacy",
    _("HubSpot contacts (legacy export)"),
    # Before "Record ID" HubSpot exports named the key "Contact ID" (Spanish "ID del contacto").
    exact={
        **HUBSPOT.exact,
        **header_table(
            {
                "Contact ID": IGNORE,
                "HubSpot Owner": IGNORE,
                "Associated Company": "company",
                "Last Modified Date": IGNORE,
                "Original Source": IGNORE,
                "ID del contacto": IGNORE,
                "Propietario de HubSpot": IGNORE,
                "Empresa asociada": "company",
                "Fecha de última modificación": IGNORE,
                "Fuente original": IGNORE,
            }
        ),
    },
)

_MAILCHIMP = header_table(
    {
        "Email Address": "email",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Address": IGNORE,
        "Phone Number": "phone",
        "Birthday": IGNORE,
        "Company": "company",
        "MEMBER_RATING": IGNORE,
        "OPTIN_TIME": "created_at",  # when the person signed up
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
        # Older exports and list exports name the merge tags themselves.
        "EMAIL": "email",
        "FNAME": "first_name",
        "LNAME": "last_name",
        "PHONE": "phone",
        "EMAIL_TYPE": IGNORE,
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
BREVO = Format(
    "brevo",
    _("Brevo contacts"),
    source="newsletter",
    exact=header_table(
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
            "LANDLINE_NUMBER": "phone",
            "EXT_ID": IGNORE,
            "DOUBLE_OPT-IN": IGNORE,
        }
    ),
)
