"""A DataTable whose cells are drawn at the width its columns were finally given."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class FittedDataTable(DataTable[Any]):
    """DataTable that redraws every cell once new rows have resized its columns.

    Textual 8.2.8 measures new rows on idle and widens the columns, but its cell and
    row caches are not keyed by width. A frame painted between ``add_row`` and that
    idle pass (likely on a loaded machine) caches cells cut at the header's width, and
    they stay cut ("Not a valid" instead of the whole reason) until the cursor moves.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        widths = [column.content_width for column in self.columns.values()]
        super()._update_dimensions(new_rows)
        if widths != [column.content_width for column in self.columns.values()]:
            # _update_count is part of every render cache key: bumping it drops them all.
            self._update_count += 1
            self.refresh()

    @property
    def is_laid_out(self) -> bool:
        """True when every added or changed row has been measured into the columns."""
        return not (self._require_update_dimensions or self._new_rows or self._updated_cells)
