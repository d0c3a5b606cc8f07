"""The lead form's fields: which inputs it has, what they show, and how their text is typed.

Plain functions :class:`~leadtui.ui.screens.lead_form.LeadFormScreen` composes and
reads with; the form keeps the state (what was loaded, touched, saving).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from leadtui.domain.formatting import followup_date_text, parse_followup_date
from leadtui.domain.money import format_money
from leadtui.domain.rows import LeadInput, StageInfo
from leadtui.domain.sources import SOURCES, source_label
from leadtui.domain.validation import ValidationError, parse_money
from leadtui.i18n import _

TEXT_INPUTS: tuple[tuple[str, str], ...] = (
    ("first_name", _("First name")),
    ("last_name", _("Last name")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("company", _("Company")),
    ("job_title", _("Job title")),
    ("website", _("Website")),
    ("campaign", _("Campaign")),
    ("utm_source", _("UTM source")),
    ("utm_medium", _("UTM medium")),
    ("utm_campaign", _("UTM campaign")),
    ("value_cents", _("Value")),
    ("currency", _("Currency")),
    ("score", _("Score (0–100)")),
    ("next_followup_at", _("Next follow-up (YYYY-MM-DD)")),
    ("tags", _("Tags (comma separated)")),
)


def lead_input_name(data: LeadInput) -> str:
    """What a message calls the lead ``data`` describes."""
    return f"{data.first_name} {data.last_name}".strip() or (data.email or data.phone or "")


def grid_columns(width: int) -> int:
    """How many columns of fields fit a screen ``width`` cells wide."""
    return 3 if width >= 100 else 2 if width >= 56 else 1


def input_texts(data: LeadInput) -> dict[str, str]:
    """The text each input shows for ``data``."""
    texts = {name: str(getattr(data, name) or "") for name, _label in TEXT_INPUTS}
    texts["value_cents"] = format_money(data.value_cents, "").strip() if data.value_cents else ""
    texts["score"] = "" if data.score is None else str(data.score)
    texts["next_followup_at"] = followup_date_text(data.next_followup_at)
    texts["tags"] = ", ".join(data.tags)
    return texts


FORM_ORDER: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "value_cents",
    "stage",
    "source",
    "next_followup_at",
    "tags",
    "job_title",
    "website",
    "currency",
    "score",
    "consent",
    "campaign",
    "utm_source",
    "utm_medium",
    "utm_campaign",
)
"""The fields in the order the form shows them: the ones used most first, UTM last."""


def field_widgets(stages: list[StageInfo], current_stage: str) -> Iterator[Widget]:
    """The form's grid: a label, an input and an error line per field (call from compose)."""
    labels = dict(TEXT_INPUTS)
    for name in FORM_ORDER:
        if name in labels:
            with Vertical(classes="field", id=f"field-{name}"):
                yield Label(labels[name])
                yield Input(id=f"in-{name}", compact=True)
                yield Static("", id=f"err-{name}", classes="field-error hidden")
        elif name == "source":
            with Vertical(classes="field", id="field-source"):
                yield Label(_("Source"))
                yield Select(
                    [(source_label(source), source) for source in SOURCES],
                    allow_blank=False,
                    id="in-source",
                    value="manual",
                    compact=True,
                )
                yield Static("", id="err-source", classes="field-error hidden")
        elif name == "stage":
            with Vertical(classes="field", id="field-stage"):
                yield Label(_("Stage"))
                yield Select(
                    [(stage.shown_name, stage.key) for stage in stages],
                    allow_blank=False,
                    id="in-stage",
                    value=current_stage,
                    compact=True,
                )
                yield Static("", id="err-stage", classes="field-error hidden")
        else:
            with Vertical(classes="field", id="field-consent"):
                yield Label(_("Consent"))
                yield Checkbox(_("Agreed to be contacted"), id="in-consent", compact=True)


def typed_lead(
    text: dict[str, str], *, source: str, stage: str, consent: bool, followup: datetime | None
) -> tuple[LeadInput, dict[str, str]]:
    """The lead the inputs' ``text`` describe, and the errors of text that does not parse.

    ``followup`` is the date the form was opened with: kept exactly unless its text changed.
    """
    errors: dict[str, str] = {}
    value_cents = 0
    try:
        value_cents = parse_money(text["value_cents"])
    except ValidationError as error:
        errors["value_cents"] = error.message
    score: int | None = None
    if text["score"].strip():
        try:
            score = int(text["score"].strip())
        except ValueError:
            errors["score"] = _("The score is a whole number from 0 to 100.")
    if text["next_followup_at"] != followup_date_text(followup):
        try:
            followup = parse_followup_date(text["next_followup_at"])
        except ValueError as error:
            errors["next_followup_at"] = str(error)
    data = LeadInput(
        **{
            name: text[name]
            for name in (
                "first_name",
                "last_name",
                "company",
                "job_title",
                "website",
                "campaign",
                "utm_source",
                "utm_medium",
                "utm_campaign",
                "currency",
            )
        },
        email=text["email"].strip() or None,
        phone=text["phone"].strip() or None,
        source=source,
        stage=stage,
        consent=consent,
        value_cents=value_cents,
        score=score,
        next_followup_at=followup,
        tags=[tag.strip() for tag in text["tags"].split(",") if tag.strip()],
    )
    return data, errors
