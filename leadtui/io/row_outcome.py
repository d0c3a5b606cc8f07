"""What converting one row gives: clean values (:class:`Converted`), issues, or a rejection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Issue:
    """A note about one row: which row (data row and file line), which column, why."""

    row: int
    line: int
    column: str
    reason: str
    value: str = ""
    """The value left out of the lead (warnings only), exactly as the file has it."""

    def as_dict(self) -> dict[str, Any]:
        """For the JSON report."""
        found = {"row": self.row, "line": self.line, "column": self.column, "reason": self.reason}
        if self.value:
            found["value"] = self.value
        return found


class RowRejected(Exception):
    """The row cannot become a lead (the issue says where and why)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.reason)
        self.issue = issue


@dataclass(slots=True)
class Converted:
    """Clean column values of one row, and which of them the file gave."""

    values: dict[str, Any]
    given: set[str] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    """Values left out of this lead (each kept verbatim in its import note)."""


IDENTIFYING = ("first_name", "last_name", "email", "phone", "company")
"""A row with none of these is nobody: the only kind of row an import rejects."""


def lead_row(row: Converted, batch_id: int, now: datetime) -> dict[str, Any]:
    """The new lead a converted row becomes in batch ``batch_id`` (its values, reused)."""
    values = row.values
    values["import_batch_id"] = batch_id  # the row is not used after this
    values["score_pinned"] = values.get("score") is not None  # a given score is kept
    if row.tags:
        values["tags"] = row.tags
    if row.notes:
        at = values.get("created_at") or now
        values["activities"] = [("note", at, note) for note in row.notes]
    return values
