"""The layouts of address books: Google Contacts, LinkedIn connections, Outlook, Thunderbird."""

from __future__ import annotations

import re

from leadtui.i18n import _
from leadtui.io.layout import IGNORE, Format, header_table

GOOGLE_PATTERNS = (
    (re.compile(r"^(e ?mail|correo electronico) \d+ (value|valor)$"), "email"),
    (re.compile(r"^(phone|telefono) \d+ (value|valor)$"), "phone"),
    (re.compile(r"^(website|sitio web) \d+ (value|valor)$"), "website"),
    (re.compile(r"^(organization|organizacion) \d+ (name|nombre)$"), "company"),
    (re.compile(r"^(organization|organizacion) \d+ (title|cargo)$"), "job_title"),
    (re.compile(r"^(organization|organizacion) \d+ "), IGNORE),  # department, symbol, location
    (re.compile(r" \d+ (label|type|etiqueta|tipo)$"), IGNORE),
    (re.compile(r" \d+ (value|valor)$"), IGNORE),  # IM, Relation, Event, Custom Field, Address
)
"""Google Contacts' numbered columns (``E-mail 1 - Value``…), normalised: pattern → field."""
GOOGLE_CONTACTS = Format(
    "google-contacts",
    _("Google Contacts"),
    multi_values=True,
    exact=header_table(
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
    exact=header_table(
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
    exact=header_table(
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
OUTLOOK = Format(
    "outlook",
    _("Outlook contacts"),
    exact=header_table(
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
    exact=header_table(
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
