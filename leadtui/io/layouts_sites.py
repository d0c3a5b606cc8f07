"""The layouts of website form builders: Tally, Jotform, Contact Form 7 (Flamingo, CFDB7),
Elementor.

Their question columns are the site owner's own labels, so they are read by keywords
(``Your email`` → email) and any answer no field takes is kept in the lead's note
(:data:`~leadtui.io.layout.ANSWER`); only the builder's own columns are named here.
"""

from __future__ import annotations

from leadtui.i18n import _
from leadtui.io.layout import IGNORE, Format, header_table

TALLY = Format(
    "tally",
    _("Tally responses"),
    source="landing_page",
    answers=True,
    exact=header_table(
        {"Submission ID": IGNORE, "Respondent ID": IGNORE, "Submitted at": "created_at"}
    ),
)
JOTFORM = Format(
    "jotform",
    _("Jotform submissions"),
    source="landing_page",
    answers=True,
    exact=header_table(
        {
            "Submission Date": "created_at",
            "Submission IP": IGNORE,
            "Submission ID": IGNORE,
            "Submission URL": IGNORE,
            "Last Update Date": IGNORE,
            "Fecha de envío": "created_at",
            "IP de envío": IGNORE,
            "ID de envío": IGNORE,
            "Fecha de la última actualización": IGNORE,
        }
    ),
)
_CF7_FIELDS = {
    # Contact Form 7's default field names; a site's own names go by keywords.
    "your-name": "full_name",
    "your-email": "email",
    "your-phone": "phone",
    "your-tel": "phone",
    "your-message": "note",
}
CF7_FLAMINGO = Format(
    "cf7-flamingo",
    _("Contact Form 7 messages (Flamingo)"),
    source="landing_page",
    answers=True,
    exact=header_table({**_CF7_FIELDS, "Date": "created_at", "Fecha": "created_at"}),
)
CF7_CFDB7 = Format(
    "cf7-cfdb7",
    _("Contact Form 7 messages (CFDB7)"),
    source="landing_page",
    answers=True,
    # CFDB7 drops the "your-" of each field name and capitalises it.
    exact=header_table(
        {
            "Name": "full_name",
            "Email": "email",
            "Phone": "phone",
            "Tel": "phone",
            "Message": "note",
            "Date": "created_at",
            "Form_id": IGNORE,
        }
    ),
)
ELEMENTOR = Format(
    "elementor",
    _("Elementor form submissions"),
    source="landing_page",
    answers=True,
    exact=header_table(
        {
            "Name": "full_name",  # the default form's one name field
            "Nombre": "full_name",
            "Form Name (ID)": "campaign",
            "Form Name": "campaign",
            "Submission ID": IGNORE,
            "Created At": "created_at",
            "User ID": IGNORE,
            "User Agent": IGNORE,
            "User IP": IGNORE,
            "Nombre del formulario (ID)": "campaign",
            "Nombre del formulario": "campaign",
            "ID del envío": IGNORE,
            "Creado el": "created_at",
            "ID de usuario": IGNORE,
            "Agente de usuario": IGNORE,
            "IP del usuario": IGNORE,
        }
    ),
)


def detect_site_format(names: set[str]) -> Format | None:
    """The form builder whose own columns the normalised header ``names`` has."""
    if {"submission id", "respondent id"} <= names:
        return TALLY
    if ("submission date" in names and names & {"submission ip", "submission id"}) or (
        "fecha de envio" in names and names & {"ip de envio", "id de envio"}
    ):
        return JOTFORM
    if {"created at", "user agent"} <= names or {"creado el", "agente de usuario"} <= names:
        return ELEMENTOR
    if names & {"date", "fecha"} and any(name.startswith("your ") for name in names):
        return CF7_FLAMINGO
    if {"date", "subject", "message"} <= names and names & {"name", "email"}:
        return CF7_CFDB7
    return None
