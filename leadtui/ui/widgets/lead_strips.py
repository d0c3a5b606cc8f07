"""What the lead table reads rows from, and how a header or a row becomes one strip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from rich.style import Style
from textual.strip import Strip

from leadtui.domain.rows import LeadRow, SortKey
from leadtui.ui.widgets.lead_columns import Column, RowStyles, header_segments, row_segments


class RowSource(Protocol):
    """What the table reads rows from (the screen's page cache)."""

    @property
    def total(self) -> int:
        """How many rows the list has (may grow once a count arrives)."""
        ...

    def row(self, index: int) -> LeadRow | None:
        """The row at ``index``, or ``None`` past the end."""
        ...


class EmptySource:
    """A source with no rows (the table before its first page)."""

    total = 0

    def row(self, index: int) -> LeadRow | None:
        """No row at any index."""
        return None


def row_styles(component: Callable[..., Style], marked: bool) -> RowStyles:
    """The styles of one row from the table's component classes (``component``)."""
    plain = component("lead-table--marked", partial=True) if marked else Style()
    return RowStyles(
        plain=plain,
        dim=plain + component("lead-table--dim", partial=True),
        overdue=plain + component("lead-table--overdue", partial=True),
        today=plain + component("lead-table--today", partial=True),
    )


def header_strip(width: int, sort_key: SortKey, descending: bool, style: Style) -> Strip:
    """The column titles, the sort column marked, padded to ``width``."""
    segments = header_segments(width, sort_key, descending, style)
    return Strip(segments).adjust_cell_length(width, style)


def row_strip(
    row: LeadRow,
    width: int,
    now: datetime,
    marked: bool,
    styles: RowStyles,
    stage_names: dict[str, str],
    columns: tuple[Column, ...],
) -> Strip:
    """One lead as a line of ``columns``, padded to ``width``."""
    segments = row_segments(row, width, now, marked, styles, stage_names, columns)
    return Strip(segments).adjust_cell_length(width, styles.plain)
