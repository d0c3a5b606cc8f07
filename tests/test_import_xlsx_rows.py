# ruff: noqa: E501  (the hand-written sheet XML keeps one row per line)
"""The ``.xlsx`` row reader (``leadtui.io.xlsx_rows``) gives what openpyxl's own read-only
reader gives, cell for cell: numbers, dates, times, durations, booleans, text, gaps."""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtui.io.xlsx_rows import as_text, open_book


def both(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """``(ours, openpyxl's)`` rows of the first sheet, as import text."""
    ours_book = open_book(path)
    try:
        ours = list(ours_book.rows(ours_book.sheetnames[0]))
    finally:
        ours_book.close()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        theirs = []
        for values in sheet.iter_rows(values_only=True):
            cells = [as_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            theirs.append(cells)
    finally:
        book.close()
    return ours, theirs


def share_strings(path: Path) -> None:
    """Rewrite ``path``'s inline strings (what openpyxl writes) into a shared string table
    (what Excel and Google Sheets write)."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item.filename)) for item in source.infolist()]
    table: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        table.append(match.group(2))
        return match.group(1) + b't="s"><v>' + str(len(table) - 1).encode() + b"</v></c>"

    with zipfile.ZipFile(path, "w") as target:
        for item, data in items:
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'(<c [^>]*?)t="inlineStr"><is>(.*?)</is></c>', shared, data)
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", CONTENT_TYPE + b"</Types>")
            target.writestr(item, data)
        strings = b"".join(b"<si>" + text + b"</si>" for text in table)
        target.writestr("xl/sharedStrings.xml", SST_START + strings + b"</sst>")


CONTENT_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SST_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


VALUES = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(datetime(1901, 1, 1), datetime(2099, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.dates(date(1901, 1, 1), date(2099, 12, 31)),
    st.times().map(lambda moment: moment.replace(microsecond=0)),
    st.integers(0, 3 * 86400).map(lambda seconds: timedelta(seconds=seconds)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(VALUES, max_size=6), max_size=8), st.booleans(), st.booleans())
def test_rows_match_openpyxl(rows: list[list[Any]], epoch_1904: bool, shared: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        book = openpyxl.Workbook()
        if epoch_1904:
            book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
        sheet = book.active
        assert sheet is not None
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    sheet.cell(row=r * 2, column=c * 2 - 1, value=value)  # gaps of rows and columns
        book.save(path)
        if shared:
            share_strings(path)
        ours, theirs = both(path)
        assert ours == theirs


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="C1" t="inlineStr"><is><r><t>E</t></r><r><t>mail</t></r></is></c></row>
<row><c t="str"><f>A1</f><v>Ana López</v></c><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c></row>
<row r="5"><c r="B5" t="d"><v>2024-05-02T10:15:00</v></c><c r="D5"><v>12.50</v></c><c r="E5"><v>7</v></c></row>
<row r="6"><c r="A6" t="s"><v>0</v></c><c r="B6" t="s"><v>1</v></c></row>
</sheetData></worksheet>"""
STRINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
<si><t xml:space="preserve"> Begoña </t></si>
<si><r><rPr><b/></rPr><t>Ri</t></r><r><t>ch_x005F_x000D_</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
</sst>"""


def test_inline_and_rich_strings_formula_text_errors_iso_dates_rows_without_numbers(
    tmp_path: Path,
) -> None:
    made = tmp_path / "made.xlsx"
    openpyxl.Workbook().save(made)
    path = tmp_path / "hand.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = SHEET.encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", CONTENT_TYPE + b"</Types>")
            target.writestr(item, data)
        target.writestr("xl/sharedStrings.xml", STRINGS.encode("utf-8"))
    ours, theirs = both(path)
    assert ours == theirs
    assert ours == [
        ["Name", "", "Email"],
        ["Ana López", "#N/A", "true"],
        [],
        [],
        ["", "2024-05-02 10:15:00", "", "12.5", "7"],
        [" Begoña ", "Rich_x000D_"],
    ]


def test_as_text_of_each_kind() -> None:
    assert [
        as_text(value)
        for value in (None, 3.0, 2.5, True, date(2024, 1, 2), time(9, 30), timedelta(hours=2))
    ] == ["", "3", "2.5", "true", "2024-01-02", "09:30:00", "2:00:00"]
