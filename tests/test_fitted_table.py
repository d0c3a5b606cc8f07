"""FittedDataTable: a frame painted before the table measured new rows never sticks."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable
from waiting import wait_until

from leadtui.ui.widgets.fitted_table import FittedDataTable

REASON = "Not a valid email address: An email address must have an @-sign."


class OneTable(App[None]):
    """A table with fixed size (no Resize when its columns widen), as on the import screen."""

    CSS = "DataTable { height: 1fr; width: 1fr; }"
    table_class: ClassVar[type[DataTable[Any]]] = FittedDataTable

    def compose(self) -> ComposeResult:
        yield self.table_class(id="table")


class PlainTable(OneTable):
    table_class = DataTable


async def painted_early(app: OneTable) -> str:
    """Add a long cell, paint before the idle pass that sizes columns, then read the row."""
    async with app.run_test(size=(90, 8)) as pilot:
        table = app.query_one(DataTable)
        table.add_columns("Row", "What happens")
        await pilot.pause()
        table.add_row("1", Text(REASON))
        for y in range(2):
            table.render_line(y)  # what a compositor pass under load does
        await wait_until(pilot, lambda: not table._require_update_dimensions, "the idle pass")
        await pilot.pause()
        return "".join(segment.text for segment in table.render_line(1))


async def test_cells_are_redrawn_at_their_final_width() -> None:
    assert REASON in await painted_early(OneTable())


async def test_plain_datatable_keeps_the_cut_cell() -> None:
    """Why the subclass exists: Textual's own table keeps the cell cut at the header width.

    If this starts failing, Textual fixed it and FittedDataTable can go.
    """
    line = await painted_early(PlainTable())
    assert "Not a valid" in line and REASON not in line
