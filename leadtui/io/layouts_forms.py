"""The layouts of form and lead-ad exports: Typeform, Google Forms, Meta, LinkedIn, Google Ads."""

from __future__ import annotations

from leadtui.i18n import _
from leadtui.io.layout import ANSWER, IGNORE, Format, header_table

TYPEFORM = Format(
    "typeform",
    _("Typeform responses"),
    source="landing_page",
    answers=True,
    exact=header_table(
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
    answers=True,
    exact=header_table(
        {"Timestamp": "created_at", "Email Address": "email", "Score": IGNORE, "Puntuación": IGNORE}
    ),
)
GOOGLE_FORMS_ES = Format(
    "google-forms-es",
    _("Google Forms responses (Spanish)"),
    source="landing_page",
    day_first=True,
    answers=True,
    exact=header_table(
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
    keywords=False,  # custom questions ("what_is_your_budget?") are kept, never guessed
    answers=True,
    exact=header_table(
        {
            "id": IGNORE,
            "created_time": "created_at",
            "ad_id": IGNORE,
            "ad_name": ANSWER,  # which ad brought the person: kept in the note
            "adset_id": IGNORE,
            "adset_name": ANSWER,
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
            "work_email": "email",
            "phone_number": "phone",
            "work_phone_number": "phone",
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
    keywords=False,  # custom questions ("what_is_your_budget?") are kept, never guessed
    answers=True,
    exact=header_table(
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
            "Ad Name": ANSWER,
        }
    ),
)
GOOGLE_ADS_LEADS = Format(
    "google-ads-leads",
    _("Google Ads lead form"),
    source="ads",
    keywords=False,  # custom questions ("what_is_your_budget?") are kept, never guessed
    answers=True,
    exact=header_table(
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
