"""What an import did, row by row: the counts always add up to the rows read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from leadtui.io.date_order import DateColumn
from leadtui.io.row_outcome import Issue

MAX_LISTED = 10_000
"""Issues kept in memory per kind (all are counted); the rest are summarised."""


@dataclass(slots=True)
class ImportReport:
    """Counts and per-row reasons of one import (or dry run)."""

    file: str
    format: str
    format_label: str
    encoding: str
    delimiter: str
    mapping: dict[str, str]
    on_duplicate: str
    dry_run: bool = False
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0
    notices_count: int = 0
    with_warnings: int = 0
    """Leads imported, updated or merged with a value left out (see :attr:`warnings`)."""
    warnings_count: int = 0
    batch_id: int | None = None
    rejections: list[Issue] = field(default_factory=list)
    skips: list[Issue] = field(default_factory=list)
    notices: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    """Values left out of a kept person: row, column, the value verbatim, why."""
    not_imported: list[str] = field(default_factory=list)
    """Columns of the file no lead field takes."""
    kept_in_note: list[str] = field(default_factory=list)
    """Columns kept in each lead's note as ``column: value`` (form answers)."""
    date_columns: list[DateColumn] = field(default_factory=list)
    """How each date column was read (day or month first) and whether to check it."""
    merge_into: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    """``--on-duplicate merge``: (lead the row matched, the row's own new lead, the columns
    the file gave); the store merges each pair after the import (``leadtui unmerge``)."""

    @property
    def accounted(self) -> int:
        """imported + updated + merged + skipped + rejected."""
        return self.imported + self.updated + self.merged + self.skipped + self.rejected

    def reject(self, issue: Issue) -> None:
        """Count a rejected row and remember why."""
        self.rejected += 1
        if len(self.rejections) < MAX_LISTED:
            self.rejections.append(issue)

    def skip(self, issue: Issue) -> None:
        """Count a skipped row (a duplicate or an empty row) and remember why."""
        self.skipped += 1
        if len(self.skips) < MAX_LISTED:
            self.skips.append(issue)

    def notice(self, issue: Issue) -> None:
        """Remember a change made to a kept row (control characters removed, ...)."""
        self.notices_count += 1
        if len(self.notices) < MAX_LISTED:
            self.notices.append(issue)

    def warn(self, issue: Issue) -> None:
        """Remember a value left out of a lead that was kept."""
        self.warnings_count += 1
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(issue)

    def as_dict(self, *, limit: int | None = None) -> dict[str, Any]:
        """The report as JSON-ready data (``limit`` caps each issue list)."""
        return {
            "file": self.file,
            "format": self.format,
            "format_label": self.format_label,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "mapping": self.mapping,
            "on_duplicate": self.on_duplicate,
            "dry_run": self.dry_run,
            "batch_id": self.batch_id,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "updated": self.updated,
            "merged": self.merged,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "notices_count": self.notices_count,
            "with_warnings": self.with_warnings,
            "warnings_count": self.warnings_count,
            "not_imported": self.not_imported,
            "kept_in_note": self.kept_in_note,
            "date_columns": [column.as_dict() for column in self.date_columns],
            "rejections": [issue.as_dict() for issue in self.rejections[:limit]],
            "skips": [issue.as_dict() for issue in self.skips[:limit]],
            "notices": [issue.as_dict() for issue in self.notices[:limit]],
            "warnings": [issue.as_dict() for issue in self.warnings[:limit]],
        }
