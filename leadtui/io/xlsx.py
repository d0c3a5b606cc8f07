"""Excel ``.xlsx`` in: the first worksheet (or one by name), streamed in read-only mode.

Rows become the same ``(row, line, cells)`` records as a CSV's, so they go through
the same mapping, validation, dedupe and accounting; the "line" is the sheet row.
Dates and times are written as ISO text, whole numbers without ``.0``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from leadtui.i18n import _
from leadtui.io import xlsx_rows
from leadtui.io.errors import ImportRefused
from leadtui.io.records import Record

XLSX_SUFFIXES = (".xlsx", ".xlsm")
ENCODING = "xlsx"
"""What a preview of a workbook shows as its encoding (it has none: it is XML in a zip)."""
_HEADER_SEARCH = 20


def _sheet_rows(path: Path, sheet: str | None) -> Iterator[list[str]]:
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = xlsx_rows.open_book(path)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException) as error:
        raise ImportRefused(
            _("{file} is not a readable Excel workbook ({reason}).").format(
                file=path.name, reason=error
            )
        ) from error
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ImportRefused(
                _("No sheet {sheet!r} in {file}; it has: {names}.").format(
                    sheet=sheet, file=path.name, names=", ".join(book.sheetnames)
                )
            )
        if not book.sheetnames:
            raise ImportRefused(_("{file} has no worksheet.").format(file=path.name))
        yield from book.rows(sheet if sheet is not None else book.sheetnames[0])
    finally:
        book.close()


def header_of(
    path: Path, sheet: str | None, samples: int
) -> tuple[int, tuple[str, ...], list[list[str]]]:
    """``(sheet rows before the header, header, first data rows)``, in one read: the header
    is the first row with two filled cells."""
    rows = _sheet_rows(path, sheet)
    try:
        for index, cells in enumerate(rows):
            if sum(1 for cell in cells if cell.strip()) >= 2:
                sample = []
                for following in rows:
                    if following:
                        sample.append(following)
                        if len(sample) >= samples:
                            break
                return index, tuple(cell.strip() for cell in cells), sample
            if index >= _HEADER_SEARCH:
                break
    finally:
        rows.close()  # type: ignore[attr-defined]
    raise ImportRefused(
        _("No header row found in the first rows of {file}.").format(file=path.name)
    )


def xlsx_records(path: Path, sheet: str | None, skip: int) -> Iterator[Record]:
    """Data rows after the header (``skip`` rows above it), streamed."""
    row = 0
    for index, cells in enumerate(_sheet_rows(path, sheet), start=1):
        if index <= skip + 1 or not cells:
            continue
        row += 1
        yield row, index, cells
