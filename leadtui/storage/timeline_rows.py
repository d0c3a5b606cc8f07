"""A timeline activity row as both dialects read it (the columns and their mapping once)."""

from __future__ import annotations

from typing import Any

from leadtui.domain.rows import TimelineEntry
from leadtui.domain.timefmt import parse_db_time, parse_optional

ACTIVITY_COLUMNS = "id, kind, at, body, edited_at, edited_fields, actor"
"""The activity columns :func:`activity_entry` reads, in order."""


def activity_entry(row: tuple[Any, ...]) -> TimelineEntry:
    """One activity row (:data:`ACTIVITY_COLUMNS`) as a timeline entry."""
    row_id, kind, at, body, edited_at, fields, actor = row
    return TimelineEntry(
        at=parse_db_time(at),
        kind="activity",
        id=int(row_id),
        activity_kind=kind,
        body=body,
        edited_at=parse_optional(edited_at),
        edited_fields=fields or "",
        actor=actor,
    )
