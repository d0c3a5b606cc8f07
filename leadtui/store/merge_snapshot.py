"""The snapshot a merge keeps of both leads (every column) and how it is read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from leadtui.domain.duplicates_merge import MERGE_FIELDS, Side
from leadtui.domain.timefmt import format_db_time, parse_db_time
from leadtui.storage.columns import LEAD, Kind

if TYPE_CHECKING:
    from leadtui.storage.models import Lead


def lead_values(lead: Lead) -> dict[str, Any]:
    """Every column of a lead, by name."""
    return {name: getattr(lead, name) for name in LEAD.names}


def encode(values: Mapping[str, Any]) -> dict[str, Any]:
    """A lead's values as JSON can hold them (times as the database's text)."""
    return {
        name: format_db_time(value) if LEAD[name].kind is Kind.TIME and value else value
        for name, value in values.items()
    }


def decode(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values :func:`encode` wrote, times parsed back."""
    return {
        name: parse_db_time(value) if LEAD[name].kind is Kind.TIME and value else value
        for name, value in values.items()
    }


def sides(snap: Mapping[str, Any]) -> dict[str, Side]:
    """The choices a merge was made with (read back from its values when it predates them)."""
    if "sides" in snap:
        return {name: Side(side) for name, side in snap["sides"].items()}
    before, after, other = snap["kept_before"], snap["kept_after"], snap["other_before"]
    return {
        name: Side.OTHER if any(after[c] == other[c] != before[c] for c in columns) else Side.KEPT
        for name, columns in MERGE_FIELDS.items()
    }
