"""Export leads as CSV (spreadsheet-safe and readable by default, exact with ``raw``; see
:mod:`leadtui.io.csv_cells`), vCard 3.0 or JSON.

Rows stream from the database to a temporary file beside the target, which is
renamed over the target only when complete. An existing file is replaced only
with ``force``; the database (and its -wal/-shm files) never.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from leadtui.domain.controls import strip_escapes
from leadtui.domain.rows import LeadFilter
from leadtui.i18n import _
from leadtui.io.csv_cells import csv_cells, csv_header
from leadtui.io.errors import ExportRefused
from leadtui.io.output_target import check_replaceable, is_stdout
from leadtui.io.vcard_export import card_text
from leadtui.storage.base import ExportSource

FORMATS = ("csv", "vcf", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export and how."""

    format: str = "csv"
    stage: str | None = None
    lead_id: int | None = None
    raw: bool = False
    force: bool = False
    lead_filter: LeadFilter | None = None
    """Only the leads this list filter shows (``--filter``/``--view``)."""
    now: datetime | None = None
    """The moment ``due:`` terms count from (the store's clock)."""


def neutralise(cell: str) -> str:
    """OWASP CSV-injection defence: a cell a spreadsheet would run as a formula gets a ``'``.

    A cell that already starts with ``'`` and a formula character gets one too: the import
    takes one guard off, so ``'=`` must leave as ``''=`` to come back as ``'=``.
    """
    looks_guarded = cell[:1] == "'" and cell[1:2] in FORMULA_STARTS
    return "'" + cell if cell.startswith(FORMULA_STARTS) or looks_guarded else cell


def check_target(target: Path, database: Path, *, force: bool) -> None:
    """Refuse the database, its side files, anything but a regular file (device, FIFO,
    socket, folder: :mod:`leadtui.io.output_target`), or an existing file without force."""
    resolved = target.expanduser().resolve()
    db = database.resolve()
    protected = {db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")}
    if resolved in protected or (target.exists() and db.exists() and os.path.samefile(target, db)):
        raise ExportRefused(
            _("{path} is the database; choose another file name.").format(path=target)
        )
    if check_replaceable(target) and not force:
        raise ExportRefused(_("{path} exists; pass --force to replace it.").format(path=target))
    if not resolved.parent.is_dir():
        raise ExportRefused(_("No folder {path}.").format(path=resolved.parent))


@contextmanager
def atomic_writer(target: Path, encoding: str) -> Iterator[IO[str]]:
    """A text file that replaces ``target`` only when the block completes."""
    folder = target.expanduser().resolve().parent
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@contextmanager
def stdout_writer(encoding: str) -> Iterator[IO[str]]:
    """Standard output as a text file in ``encoding`` (left open for the caller)."""
    import io
    import sys

    handle = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="")
    try:
        yield handle
        handle.flush()
    finally:
        handle.detach()


def _clean(value: Any) -> Any:
    """``value`` without terminal escapes or C1 (written by another program, say)."""
    if isinstance(value, str):
        return strip_escapes(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


class _CleanSource:
    """An export source whose activities and history come out cleaned (default mode)."""

    def __init__(self, source: ExportSource) -> None:
        self._source = source

    def lead_rows(
        self,
        stage: str | None,
        lead_id: int | None,
        lead_filter: LeadFilter | None = None,
        now: datetime | None = None,
    ) -> Iterator[dict[str, Any]]:
        return self._source.lead_rows(stage, lead_id, lead_filter, now)

    def views(self) -> list[dict[str, Any]]:
        return [_clean(item) for item in self._source.views()]

    def activities(self, lead_id: int) -> list[dict[str, Any]]:
        return [_clean(item) for item in self._source.activities(lead_id)]

    def history(self, lead_id: int) -> list[dict[str, Any]]:
        return [_clean(item) for item in self._source.history(lead_id)]


def export_leads(source: ExportSource, target: Path, database: Path, options: ExportOptions) -> int:
    """Write the export; returns how many leads it holds."""
    if options.format not in FORMATS:
        raise ExportRefused(
            _("Unknown format {format}; use csv, vcf or json.").format(format=options.format)
        )
    to_stdout = is_stdout(target)
    if not to_stdout:
        check_target(target, database, force=options.force)
    encoding = "utf-8-sig" if options.format == "csv" and not options.raw else "utf-8"
    count = 0
    writer = stdout_writer(encoding) if to_stdout else atomic_writer(target, encoding)
    with writer as handle:
        rows = source.lead_rows(options.stage, options.lead_id, options.lead_filter, options.now)
        if not options.raw:
            source = _CleanSource(source)
            rows = (_clean(row) for row in rows)
        if options.format == "csv":
            count = _write_csv(handle, rows, raw=options.raw)
        elif options.format == "vcf":
            for row in rows:
                handle.write(card_text(row, row["tags"]))
                count += 1
        else:
            count = _write_json(handle, source, rows)
    return count


def _write_csv(handle: IO[str], rows: Iterator[dict[str, Any]], *, raw: bool) -> int:
    writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL if raw else csv.QUOTE_ALL)
    writer.writerow(csv_header(raw=raw))
    count = 0
    for row in rows:
        cells = csv_cells(row, raw=raw)
        writer.writerow(cells if raw else [neutralise(cell) for cell in cells])
        count += 1
    return count


def _write_json(handle: IO[str], source: ExportSource, rows: Iterator[dict[str, Any]]) -> int:
    handle.write('{"format": "leadtui", "version": 1, "leads": [')
    count = 0
    for row in rows:
        row["activities"] = source.activities(row["id"])
        row["history"] = source.history(row["id"])
        handle.write(("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        count += 1
    handle.write('\n], "views": ' + json.dumps(source.views(), ensure_ascii=False) + "}\n")
    return count
