"""What a reader yields: records, broken records and the preview shown before an import.

Apart from :mod:`leadtui.io.reader` so the vCard reader can build them without
importing the CSV reader (which imports it lazily).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from leadtui.io.layout import ANSWER, Format

Record = tuple[int, int, list[str]]
"""``(data row number, file line where it starts, cells)``."""


class BadRecord(list[str]):
    """A row that could not be read at all (a broken vCard); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Preview:
    """What the file looks like: shown before anything is imported."""

    path: Path
    format: Format
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    mapping: list[str]
    sample: list[list[str]] = field(default_factory=list)
    skip_records: int = 0
    """CSV records before the header (``sep=`` line, note lines)."""
    sheet: str | None = None
    """The worksheet of an ``.xlsx`` workbook (``None``: the first)."""

    @property
    def not_imported(self) -> list[str]:
        """Named columns no lead field takes (shown as "not imported")."""
        return [
            column
            for column, target in zip(self.header, self.mapping, strict=False)
            if target == "ignore"
            and column.strip()
            and not (self.format.key == "leadtui" and column == "id")
        ]

    @property
    def kept_in_note(self) -> list[str]:
        """Columns kept verbatim in the lead's note as ``column: value`` (form answers)."""
        return [
            column or str(index + 1)
            for index, (column, target) in enumerate(zip(self.header, self.mapping, strict=False))
            if target == ANSWER
        ]
