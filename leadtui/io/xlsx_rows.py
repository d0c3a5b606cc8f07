"""A worksheet's rows as text, parsed straight from its XML (the hot loop of an ``.xlsx`` import).

openpyxl still opens the workbook (sheet list, shared strings, date styles, 1900/1904
epoch); only the per-cell loop is ours: openpyxl's read-only reader builds a dict and a
cell object for every cell, which made a 100k-row workbook import 4.4x slower than the
same rows as CSV. Values are converted exactly as openpyxl converts them
(``tests/test_import_xlsx_rows.py`` compares both on every kind of cell).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from xml.etree.ElementTree import Element, iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _SHEET_DATA = (
    f"{_MAIN}row",
    f"{_MAIN}c",
    f"{_MAIN}v",
    f"{_MAIN}is",
    f"{_MAIN}sheetData",
)


def as_text(value: Any) -> str:
    """One cell value as import text: dates and times ISO, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time | timedelta):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column(reference: str) -> int:
    """``"AB12"`` → 28 (1-based column of a cell reference)."""
    number = 0
    for char in reference:
        if char.isdigit():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


class _Cells:
    """Converts one ``<c>`` element the way openpyxl's ``WorkSheetParser.parse_cell`` does."""

    def __init__(self, book: Any, shared: list[str]) -> None:
        from openpyxl.utils.datetime import from_excel, from_ISO8601
        from openpyxl.worksheet._reader import _cast_number

        self.shared = shared
        self.dates: set[int] = set(book._date_formats)
        self.deltas: set[int] = set(book._timedelta_formats)
        self.epoch = book.epoch
        self.from_excel: Callable[..., Any] = from_excel
        self.from_iso: Callable[[str], Any] = from_ISO8601
        self.number: Callable[[str], Any] = _cast_number

    def text(self, cell: Element) -> str:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            from openpyxl.cell.text import Text

            child = cell.find(_INLINE)
            return "" if child is None else as_text(Text.from_tree(child).content)
        value = cell.findtext(_VALUE) or None
        if value is None:
            return ""
        if kind == "s":
            return as_text(self.shared[int(value)])
        if kind == "n":
            style = int(cell.get("s", 0) or 0)
            number = self.number(value)
            if style in self.dates:
                try:
                    return as_text(self.from_excel(number, self.epoch, style in self.deltas))
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return as_text(number)
        if kind == "b":
            return as_text(bool(int(value)))
        if kind == "d":
            return as_text(self.from_iso(value))
        return value  # "str" (a formula's cached text) and "e" (an error such as #N/A)


def sheet_rows(book: Any, worksheet: Any) -> Iterator[list[str]]:
    """Every row of ``worksheet`` (a read-only openpyxl sheet of ``book``), gaps as ``[]``,
    trailing empty cells dropped; streamed: each row's elements are freed once read."""
    cells = _Cells(book, worksheet._shared_strings)
    expected = 1
    with book._archive.open(worksheet._worksheet_path) as source:
        sheet_data: Element | None = None
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == _SHEET_DATA:
                    sheet_data = element
                continue
            if element.tag != _ROW:
                continue
            number = int(element.get("r") or expected)
            while expected < number:
                yield []
                expected += 1
            expected = number + 1
            row: list[str] = []
            for cell in element.iter(_CELL):
                reference = cell.get("r")
                column = _column(reference) if reference else len(row) + 1
                if column > len(row) + 1:
                    row.extend([""] * (column - len(row) - 1))
                row.append(cells.text(cell))
            while row and not row[-1]:
                row.pop()
            if sheet_data is not None:
                sheet_data.clear()
            yield row
