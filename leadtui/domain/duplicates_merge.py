"""How two leads become one: which value each field keeps, the stage, the follow-up.

Pure Python over plain dicts of column values, so the store (either backend) and
the screens agree on the same plan. For each field the default is the most recent
non-empty value; the user may take the other lead's value, one field at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from leadtui.i18n import N_

MERGE_FIELDS: dict[str, tuple[str, ...]] = {
    "first_name": ("first_name",),
    "last_name": ("last_name",),
    "email": ("email", "email_key"),
    "phone": ("phone", "phone_e164"),
    "company": ("company",),
    "job_title": ("job_title",),
    "website": ("website",),
    "source": ("source",),
    "campaign": ("campaign",),
    "utm_source": ("utm_source",),
    "utm_medium": ("utm_medium",),
    "utm_campaign": ("utm_campaign",),
    "consent": ("consent", "consent_at"),
    "value": ("value_cents", "currency"),
    "score": ("score",),
}
"""Each field a user chooses, and the columns that travel with it (an amount keeps its currency)."""

FIELD_LABELS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "company": N_("Company"),
    "job_title": N_("Job title"),
    "website": N_("Website"),
    "source": N_("Source"),
    "campaign": N_("Campaign"),
    "utm_source": N_("UTM source"),
    "utm_medium": N_("UTM medium"),
    "utm_campaign": N_("UTM campaign"),
    "consent": N_("Consent"),
    "value": N_("Value"),
    "score": N_("Score"),
}


class Side(StrEnum):
    """Which lead a field's value comes from."""

    KEPT = "kept"
    OTHER = "other"


def is_empty(field: str, values: Mapping[str, Any]) -> bool:
    """True when a lead has nothing in ``field`` (no consent and a zero amount count as empty)."""
    value = values[MERGE_FIELDS[field][0]]
    return value is None or value == "" or value is False or (field == "value" and value == 0)


def newer_side(kept: Mapping[str, Any], other: Mapping[str, Any]) -> Side:
    """The lead edited last (``updated_at``, then the higher id)."""
    if (other["updated_at"], other["id"]) > (kept["updated_at"], kept["id"]):
        return Side.OTHER
    return Side.KEPT


def default_sides(kept: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Side]:
    """Each field's default: the most recent non-empty value."""
    newer = newer_side(kept, other)
    older = Side.KEPT if newer is Side.OTHER else Side.OTHER
    by_side = {Side.KEPT: kept, Side.OTHER: other}
    return {
        field: newer if not is_empty(field, by_side[newer]) else older for field in MERGE_FIELDS
    }


def stage_rank(stage: str, stages: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """How far a stage is in the funnel: won beats every other, then funnel position."""
    for position, (key, kind) in enumerate(stages):
        if key == stage:
            return (1 if kind == "won" else 0, position)
    return (0, -1)


def _earliest(*times: datetime | None) -> datetime | None:
    present = [t for t in times if t is not None]
    return min(present) if present else None


def _latest(*times: datetime | None) -> datetime | None:
    present = [t for t in times if t is not None]
    return max(present) if present else None


@dataclass(frozen=True, slots=True)
class MergePlan:
    """The survivor's new column values (only those that change) and the furthest stage."""

    values: dict[str, Any]
    stage: str


def plan_merge(
    kept: Mapping[str, Any],
    other: Mapping[str, Any],
    sides: Mapping[str, Side],
    stages: Sequence[tuple[str, str]],
) -> MergePlan:
    """What the survivor becomes: chosen fields, furthest stage, earliest open follow-up."""
    chosen: dict[str, Any] = {}
    for field, columns in MERGE_FIELDS.items():
        source = other if sides.get(field, Side.KEPT) is Side.OTHER else kept
        for column in columns:
            chosen[column] = source[column]
    furthest = max((kept["stage"], other["stage"]), key=lambda stage: stage_rank(stage, stages))
    chosen["next_followup_at"] = _earliest(kept["next_followup_at"], other["next_followup_at"])
    chosen["created_at"] = _earliest(kept["created_at"], other["created_at"])
    chosen["last_activity_at"] = _latest(kept["last_activity_at"], other["last_activity_at"])
    changed = {name: value for name, value in chosen.items() if kept[name] != value}
    return MergePlan(changed, furthest)


def parse_takes(takes: Sequence[str], kept_id: int, other_id: int) -> dict[str, Side]:
    """``FIELD=LEAD_ID`` choices (the CLI's ``--take``) as sides; ValueError when not one."""
    sides: dict[str, Side] = {}
    for take in takes:
        field, _eq, lead = take.partition("=")
        field = field.strip().replace("-", "_")
        if field not in MERGE_FIELDS or not lead.strip().isdigit():
            raise ValueError(take)
        lead_id = int(lead)
        if lead_id not in (kept_id, other_id):
            raise ValueError(take)
        sides[field] = Side.KEPT if lead_id == kept_id else Side.OTHER
    return sides
