"""A workbook's rows as text, parsed straight from its XML (the hot loop of an ``.xlsx`` import).

openpyxl's reader still reads the package, the sheet list and the styles (date formats,
1900/1904 epoch); the shared strings and the cells are parsed here. Opening a sheet with
``openpyxl.load_workbook(read_only=True)`` parses the whole sheet once just to size it
when it has no ``<dimension>`` (as streamed writers leave it), builds an object per
shared string and a dict per cell: a 100k-row workbook imported several times slower
than the same rows as CSV. Values are converted as openpyxl converts them
(``tests/test_import_xlsx_rows.py`` compares both on every kind of cell).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import XMLParser

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v"
_SI, _T, _PHONETIC = f"{_MAIN}si", f"{_MAIN}t", f"{_MAIN}rPh"


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


_COLUMNS: dict[str, int] = {}


def _column(reference: str) -> int:
    """``"AB12"`` → 28 (1-based column of a cell reference)."""
    letters = reference.rstrip("0123456789")
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for char in letters.upper():
            number = number * 26 + ord(char) - 64
        if len(_COLUMNS) < 20_000:  # every column a sheet can have fits
            _COLUMNS[letters] = number
    return number


class _Cells:
    """Converts one cell's ``t``/``s`` attributes and text the way openpyxl's
    ``WorkSheetParser.parse_cell`` does (``data_only``: a formula's cached value)."""

    def __init__(self, book: Any, shared: Sequence[str]) -> None:
        from openpyxl.utils.datetime import from_excel, from_ISO8601
        from openpyxl.worksheet._reader import _cast_number

        self.shared = shared
        self.dates: set[int] = set(book._date_formats)
        self.deltas: set[int] = set(book._timedelta_formats)
        self.epoch = book.epoch
        self.from_excel: Callable[..., Any] = from_excel
        self.from_iso: Callable[[str], Any] = from_ISO8601
        self.number: Callable[[str], Any] = _cast_number

    def text(self, kind: str, style: str | None, value: str | None) -> str:
        """``value`` is the ``<v>`` text, or an inline string's text for ``inlineStr``."""
        if kind == "inlineStr":
            return value or ""
        if not value:
            return ""
        if kind == "s":
            return as_text(self.shared[int(value)])
        if kind == "n":
            number = self.number(value)
            if int(style or 0) in self.dates:
                try:
                    return as_text(
                        self.from_excel(number, self.epoch, int(style or 0) in self.deltas)
                    )
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return as_text(number)
        if kind == "b":
            return as_text(bool(int(value)))
        if kind == "d":
            return as_text(self.from_iso(value))
        return value  # "str" (a formula's cached text) and "e" (an error such as #N/A)


class _Strings:
    """Parser target gathering string items (``<si>``, ``<is>``): the text of their ``<t>``
    elements, plain and in runs, as openpyxl's ``Text.content``; phonetic runs (``<rPh>``)
    are not the cell's text."""

    def __init__(self) -> None:
        self.parts: list[str] | None = None  # inside a <t> of the current item
        self.item: list[str] = []
        self.phonetic = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == _T and not self.phonetic:
            self.parts = self.item
        elif tag == _PHONETIC:
            self.phonetic = True

    def end(self, tag: str) -> None:
        if tag == _T:
            self.parts = None
        elif tag == _PHONETIC:
            self.phonetic = False

    def data(self, text: str) -> None:
        if self.parts is not None:
            self.parts.append(text)

    def take(self) -> str:
        """The current item's text; starts the next item."""
        text = "".join(self.item)
        self.item = []
        return text


class _SharedTable(_Strings):
    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []

    def end(self, tag: str) -> None:
        if tag == _SI:
            self.strings.append(self.take().replace("x005F_", ""))
        else:
            super().end(tag)

    def close(self) -> list[str]:
        return self.strings


class _Sheet(_Strings):
    """Parser target turning ``<row>``/``<c>`` into rows of text, kept until taken."""

    def __init__(self, cells: _Cells) -> None:
        super().__init__()
        self.cells = cells
        self.done: list[tuple[int, list[str]]] = []
        self.row: list[str] = []
        self.number = 0
        self.kind = "n"
        self.style: str | None = None
        self.reference: str | None = None
        self.value: list[str] | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == _CELL:
            self.kind, self.style = attrib.get("t", "n"), attrib.get("s")
            self.reference, self.value = attrib.get("r"), None
        elif tag == _VALUE:
            self.value = self.parts = []
        elif tag == _ROW:
            self.row = []
            self.number = int(attrib.get("r") or self.number + 1)
        else:
            super().start(tag, attrib)

    def end(self, tag: str) -> None:
        if tag == _CELL:
            if self.kind == "inlineStr":
                value: str | None = self.take()
            else:
                value = None if self.value is None else "".join(self.value)
            row = self.row
            column = _column(self.reference) if self.reference else len(row) + 1
            if column > len(row) + 1:
                row.extend([""] * (column - len(row) - 1))
            row.append(self.cells.text(self.kind, self.style, value))
        elif tag == _VALUE:
            self.parts = None
        elif tag == _ROW:
            while self.row and not self.row[-1]:
                self.row.pop()
            self.done.append((self.number, self.row))
        else:
            super().end(tag)

    def close(self) -> None:
        return None


def _parse(source: IO[bytes], target: Any) -> Iterator[None]:
    """Feed ``source`` to expat in chunks, yielding after each (``target`` collects)."""
    parser = XMLParser(target=target)
    while chunk := source.read(1 << 16):
        parser.feed(chunk)
        yield
    parser.close()
    yield


def shared_strings(source: IO[bytes]) -> list[str]:
    """The shared string table, as openpyxl's ``read_string_table`` reads it."""
    table = _SharedTable()
    for _chunk in _parse(source, table):
        pass
    return table.strings


class Book:
    """An open workbook: its worksheet names, and the rows of one of them."""

    def __init__(self, path: Path) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
        from openpyxl.xml.constants import SHARED_STRINGS

        self.reader = ExcelReader(path, read_only=True, data_only=True)
        try:
            self.reader.read_manifest()
            self.reader.read_workbook()
            apply_stylesheet(self.reader.archive, self.reader.wb)
            self.sheets = {
                sheet.name: rel.target
                for sheet, rel in self.reader.parser.find_sheets()
                if rel.target in self.reader.valid_files and "chartsheet" not in rel.Type
            }
            self.sheetnames = list(self.sheets)
            part = self.reader.package.find(SHARED_STRINGS)
            self.strings: list[str] = []
            if part is not None:
                with self.reader.archive.open(part.PartName[1:]) as source:
                    self.strings = shared_strings(source)
        except BaseException:
            self.close()
            raise

    def rows(self, name: str) -> Iterator[list[str]]:
        """Every row of sheet ``name``, gaps as ``[]``, trailing empty cells dropped;
        streamed: each row's elements are freed once read."""
        sheet = _Sheet(_Cells(self.reader.wb, self.strings))
        expected = 1
        with self.reader.archive.open(self.sheets[name]) as source:
            for _chunk in _parse(source, sheet):
                for number, row in sheet.done:
                    while expected < number:
                        yield []
                        expected += 1
                    expected = number + 1
                    yield row
                sheet.done.clear()

    def close(self) -> None:
        """Close the zip archive."""
        self.reader.archive.close()


def open_book(path: Path) -> Book:
    """Open ``path`` (raises what openpyxl raises for a file that is no workbook)."""
    return Book(path)
