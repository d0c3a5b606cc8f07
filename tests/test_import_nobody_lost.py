"""Issue #12, on every import fixture the team wrote: an import may refuse a file, but it
never quietly drops a person.

The rows are counted a second way, without the importer (the ``csv`` module with the
sniffed encoding and delimiter, ``BEGIN:VCARD`` lines, openpyxl's own rows), and every
row holding anything must be accounted for: imported + updated + merged + skipped +
rejected with a reason, each imported lead in the database.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

import pytest

from leadtui.io.csv_import import ImportOptions
from leadtui.io.errors import ImportRefused
from leadtui.io.records import Preview
from leadtui.store import LeadStore

FIXTURES = Path(__file__).parent / "fixtures" / "import"
REFUSED = {"headerless.csv", "header_only.csv", "workbook_renamed.csv", "contacts.zip.csv"}
REFUSED |= {"photo.vcf", "unbalanced_quote.csv", "duplicate_columns.csv"}
EVERY = sorted(
    path.relative_to(FIXTURES).as_posix()
    for path in [*FIXTURES.iterdir(), *(FIXTURES / "realworld").iterdir()]
    if path.suffix in (".csv", ".tsv", ".vcf", ".xlsx")
)


def rows_holding_something(preview: Preview) -> int:
    """Data rows with at least one filled cell, counted without the importer."""
    path = preview.path
    if preview.format.key == "vcard":
        text = path.read_bytes().decode(preview.encoding)
        return len(re.findall(r"^BEGIN:VCARD\s*$", text, flags=re.IGNORECASE | re.MULTILINE))
    if preview.encoding == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book[preview.sheet] if preview.sheet else book.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))[preview.skip_records + 1 :]
        book.close()
        return sum(1 for row in rows if any(str(v).strip() for v in row if v is not None))
    with path.open(encoding=preview.encoding, newline="") as handle:
        records = list(csv.reader(handle, delimiter=preview.delimiter))
    data = records[preview.skip_records + 1 :]
    return sum(1 for record in data if "".join(record).strip())


@pytest.mark.parametrize("name", EVERY)
def test_every_row_that_holds_someone_is_accounted_for(store: LeadStore, name: str) -> None:
    path = FIXTURES / name
    if path.name in REFUSED:
        with pytest.raises(ImportRefused) as refused:
            store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
        assert str(refused.value).strip() and "\n" not in str(refused.value).strip()
        return
    preview = store.imports.preview_import(path)
    report = store.imports.import_rows(preview, ImportOptions(region=None))
    empty = sum(1 for issue in report.skips if issue.column == "-")
    assert report.rows_read - empty == rows_holding_something(preview)
    assert report.accounted == report.rows_read
    assert report.rejected == len(report.rejections)
    assert all(issue.row and issue.reason for issue in report.rejections + report.skips)
    assert all(issue.value and issue.reason for issue in report.warnings)
    conn = sqlite3.connect(store.path)
    try:
        leads = conn.execute("SELECT count(*) FROM lead").fetchone()[0]
    finally:
        conn.close()
    assert leads == report.imported
