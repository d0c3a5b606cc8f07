"""One lead of a leadtui JSON export, checked and turned into a bulk-insert row.

The JSON export is the full-fidelity backup: every lead column, tags, activities and
stage history with their times. Reading it back keeps all of that exactly; text goes
through the one cleaning function (:func:`leadtui.domain.sanitize.clean_str`), which
leaves text that leadtui wrote unchanged. A value of the wrong kind refuses the lead
with one short reason (never a dump of the row).
"""

from __future__ import annotations

import re
from typing import Any

from leadtui.domain.sanitize import clean_str
from leadtui.domain.validation import email_key
from leadtui.i18n import _
from leadtui.storage.columns import ACTIVITY, LEAD, STAGE_CHANGE, Column, Kind

_SKIPPED = frozenset({"id", "import_batch_id", "email_key"})
"""Given anew by the import: a fresh id, this batch, the key from the email."""
_DERIVED = frozenset({"updated_at", "stage_changed_at"})
"""Filled in from the creation time and the history when a file leaves them out."""
_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")


class BadLead(ValueError):
    """A lead of the file that cannot be restored; ``field`` and a short reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _value(column: Column, value: Any, field: str) -> Any:
    if value is None:
        if column.nullable:
            return None
        raise BadLead(field, _("missing"))
    if column.kind is Kind.BOOL:
        if isinstance(value, bool):
            return value
    elif column.kind is Kind.INT:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(value, str):
        if column.kind is Kind.TIME:
            if _TIME.fullmatch(value):
                return value
            raise BadLead(field, _("not a time as leadtui writes it (2026-03-16 10:00:00)"))
        text = clean_str(value, multiline=column.length is not None and column.length > 1000)
        if column.length is not None and len(text) > column.length:
            raise BadLead(field, _("longer than {count} characters").format(count=column.length))
        return text
    raise BadLead(field, _("a value of the wrong kind ({kind})").format(kind=type(value).__name__))


def _list(item: dict[str, Any], name: str) -> list[Any]:
    found = item.get(name) or []
    if not isinstance(found, list):
        raise BadLead(name, _("not a list"))
    return found


def _entries(
    items: list[Any], table: Any, names: tuple[str, ...], field: str
) -> list[tuple[Any, ...]]:
    entries = []
    for entry in items:
        if not isinstance(entry, dict):
            raise BadLead(field, _("not a list of objects"))
        entries.append(
            tuple(_value(table[name], entry.get(name), f"{field}.{name}") for name in names)
        )
    return entries


def lead_row(item: Any, stages: set[str], batch_id: int) -> dict[str, Any]:
    """The bulk-insert row of one exported lead; :class:`BadLead` when it cannot be."""
    if not isinstance(item, dict):
        raise BadLead("-", _("not a lead object"))
    row: dict[str, Any] = {}
    for column in LEAD.columns:
        if column.name in _SKIPPED:
            continue
        if column.name in item:
            row[column.name] = _value(column, item[column.name], column.name)
        elif not column.has_default and column.name not in _DERIVED:
            raise BadLead(column.name, _("missing"))
    if row.get("stage") not in stages:
        raise BadLead("stage", _("unknown stage {stage}").format(stage=row.get("stage")))
    row["email_key"] = email_key(row.get("email"))
    row["import_batch_id"] = batch_id
    tags = _list(item, "tags")
    if not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise BadLead("tags", _("not a list of tag names"))
    row["tags"] = [clean_str(tag) for tag in tags]
    steps = [
        {**step, "imported": step.get("imported", False)} if isinstance(step, dict) else step
        for step in _list(item, "history")
    ]
    history = _entries(
        steps, STAGE_CHANGE, ("from_stage", "to_stage", "at", "reason", "imported"), "history"
    )
    if any(step[1] not in stages or (step[0] and step[0] not in stages) for step in history):
        raise BadLead("history", _("a stage change to or from an unknown stage"))
    if history:
        row["history"] = history
    activities = _entries(_list(item, "activities"), ACTIVITY, ("kind", "at", "body"), "activities")
    if activities:
        row["activities"] = activities
    return row
