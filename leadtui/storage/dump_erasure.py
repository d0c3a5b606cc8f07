"""Forgetting a person in leadtui's data dumps (:mod:`leadtui.storage.dump_file`).

The same rule as in the database (``storage/sqlite/erasure.py``): the person's row
(same id and creation time) or any lead with their email, every lead merged into them,
every row that references those leads, and their before-images in import batches. The
dump is rewritten under a temporary name and renamed over the old one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from leadtui.domain.timefmt import format_db_time
from leadtui.storage.base import Person
from leadtui.storage.columns import TABLES
from leadtui.storage.dump_file import TableRows, read_header, read_rows, write_dump
from leadtui.storage.erasure_plan import scrubbed_report, with_merged_away

_LEAD_REFS = {
    table.name: tuple(column.name for column in table.columns if column.references == "lead.id")
    for table in TABLES
}


def _people(path: Path, person: Person) -> list[int]:
    created = format_db_time(person.created_at)
    found: list[int] = []
    merged: dict[int, list[int]] = defaultdict(list)
    for table, columns, row in read_rows(path):
        values = dict(zip(columns, row, strict=False))
        if table == "lead":
            same_row = values.get("id") == person.lead_id and values.get("created_at") == created
            same_email = (
                person.email_key is not None and values.get("email_key") == person.email_key
            )
            if same_row or same_email:
                found.append(int(values["id"]))
        elif table == "leadmerge":
            merged[int(values["kept_id"])].append(int(values["other_id"]))
    return with_merged_away(found, lambda kept: merged.get(kept, ()))


def _kept(path: Path, gone: set[int]) -> Iterator[TableRows]:
    for (name, columns), rows in groupby(read_rows(path), key=lambda r: (r[0], r[1])):
        refs = [columns.index(c) for c in (*_LEAD_REFS.get(name, ()), "id") if c in columns]
        if name != "lead":
            refs = [i for i in refs if columns[i] != "id"]
        report = columns.index("report_json") if name == "importbatch" else None
        yield name, columns, _filtered(rows, refs, report, gone)


def _filtered(
    rows: Iterator[tuple[str, list[str], list[Any]]],
    refs: list[int],
    report: int | None,
    gone: set[int],
) -> Iterator[list[Any]]:
    for _name, _columns, values in rows:
        if any(values[i] in gone for i in refs):
            continue
        if report is not None and '"before"' in (values[report] or ""):
            scrubbed = scrubbed_report(values[report], gone)
            if scrubbed is not None:
                values[report] = scrubbed
        yield values


def erase_from_dump(path: Path, person: Person) -> bool:
    """Erase ``person`` from the dump at ``path``; False when it does not hold them."""
    header = read_header(path)
    gone = set(_people(path, person))
    if not gone:
        return False
    write_dump(path, header, _kept(path, gone))
    return True
