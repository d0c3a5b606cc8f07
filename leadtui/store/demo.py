"""Load the demo leads of ``sample_data/leads.json`` through the store's bulk path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from leadtui.i18n import _
from leadtui.store import LeadStore

SAMPLE_FILE = Path(__file__).resolve().parents[2] / "sample_data" / "leads.json"


def _time(text: str | None, shift: timedelta) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00")) + shift


def demo_now(path: Path = SAMPLE_FILE) -> datetime:
    """The fixed moment the sample data was written around."""
    moment = _time(json.loads(path.read_text(encoding="utf-8"))["demo_now"], timedelta())
    assert moment is not None
    return moment


def _records(data: dict[str, Any], shift: timedelta) -> Iterator[dict[str, Any]]:
    from leadtui.domain.validation import email_key, normalize_phone

    for lead in data["leads"]:
        phone, e164 = normalize_phone(lead.get("phone"))
        created = _time(lead["created_at"], shift)
        history = [
            (h["from"], h["to"], _time(h["at"], shift), h.get("reason", ""))
            for h in lead["stage_history"]
        ]
        activities = [(a["kind"], _time(a["at"], shift), a["body"]) for a in lead["activities"]]
        yield {
            **{
                key: lead.get(key, "") or ""
                for key in (
                    "first_name",
                    "last_name",
                    "company",
                    "job_title",
                    "website",
                    "campaign",
                    "utm_source",
                    "utm_medium",
                    "utm_campaign",
                )
            },
            "email": lead.get("email"),
            "email_key": email_key(lead.get("email")),
            "phone": phone,
            "phone_e164": e164,
            "source": lead["source"],
            "consent": bool(lead.get("consent")),
            "consent_at": _time(lead.get("consent_at"), shift),
            "stage": lead["stage"],
            "value_cents": int(lead.get("value_cents") or 0),
            "currency": lead.get("currency") or "EUR",
            "score": lead.get("score"),
            "next_followup_at": _time(lead.get("next_followup_at"), shift),
            "created_at": created,
            "updated_at": max(
                moment
                for moment in (created, *(h[2] for h in history), *(a[1] for a in activities))
                if moment is not None
            ),
            "last_activity_at": max((a[1] for a in activities if a[1]), default=None),
            "history": history,
            "activities": activities,
            "tags": lead.get("tags", []),
        }


def load_sample(store: LeadStore, *, now: datetime | None = None, path: Path = SAMPLE_FILE) -> int:
    """Insert the sample leads; with ``now``, every timestamp moves so the demo date is now."""
    if not path.exists():
        raise FileNotFoundError(
            _("The demo data is missing ({path}); install leadtui from its source folder.").format(
                path=path
            )
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    shift = timedelta() if now is None else now - demo_now(path)
    shift = timedelta(days=shift.days)  # whole days keep "today" and weekdays meaningful
    return store.imports.bulk_insert_leads(_records(data, shift))
