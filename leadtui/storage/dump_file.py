"""leadtui's data dump: every leadtui table as JSON lines, with the schema version.

The backups ``leadtui backup`` takes of a PostgreSQL database (``storage/postgres/
backup.py``). Data only, leadtui's tables only: no roles, grants, functions, indexes or
server settings (that is ``pg_dump``'s job); values are plain JSON (text, whole
numbers, booleans, null; times are leadtui's UTC text), so nothing in it is
PostgreSQL's. Line 1 is the header; then, per table in creation order, one line
``{"table": name, "columns": [...]}`` followed by its rows as JSON arrays; the last
line is ``{"end": true}`` (a file cut short is refused). It is written and read one row
at a time (memory stays flat at any size), under a temporary name renamed at the end,
mode 0600 in a 0700 folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from leadtui.domain.errors import DatabaseRefused
from leadtui.i18n import _
from leadtui.paths import ensure_private_dir
from leadtui.storage.backup_files import find_backups
from leadtui.storage.base import BackupInfo
from leadtui.storage.schema_version import SCHEMA_VERSION

FORMAT = "leadtui-dump"
FORMAT_VERSION = 1
SUFFIX = ".jsonl"

TableRows = tuple[str, list[str], Iterable[list[Any]]]
"""One table of a dump: its name, its columns and its rows (each a list of values)."""


@dataclass(frozen=True, slots=True)
class DumpHeader:
    """The first line of a dump."""

    schema: int
    taken_at: str
    reason: str
    source: str


def write_dump(target: Path, header: DumpHeader, tables: Iterable[TableRows]) -> Path:
    """Write a dump to ``target`` (0600, renamed into place at the end)."""
    ensure_private_dir(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            _line(out, {"format": FORMAT, "version": FORMAT_VERSION} | _header_dict(header))
            for name, columns, rows in tables:
                _line(out, {"table": name, "columns": columns})
                for row in rows:
                    _line(out, list(row))
            _line(out, {"end": True})
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _header_dict(header: DumpHeader) -> dict[str, Any]:
    return {
        "schema": header.schema,
        "taken_at": header.taken_at,
        "reason": header.reason,
        "source": header.source,
    }


def _line(out: IO[str], value: Any) -> None:
    out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")


def _refused(path: Path) -> DatabaseRefused:
    return DatabaseRefused(
        _("{path} is not a leadtui backup of a PostgreSQL database; nothing was changed.").format(
            path=path
        )
    )


def read_header(path: Path) -> DumpHeader:
    """The dump's header; refuses a file that is not one, or of a newer schema."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = json.loads(handle.readline())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _refused(path) from error
    if not (isinstance(first, dict) and first.get("format") == FORMAT):
        raise _refused(path)
    schema = first.get("schema")
    if first.get("version") != FORMAT_VERSION or not isinstance(schema, int):
        raise _refused(path)
    if schema > SCHEMA_VERSION:
        raise DatabaseRefused(
            _(
                "{path} was made by a newer leadtui (schema {found}, this one knows {known}); "
                "nothing was changed."
            ).format(path=path, found=schema, known=SCHEMA_VERSION)
        )
    return DumpHeader(
        schema, str(first.get("taken_at")), str(first.get("reason")), str(first.get("source"))
    )


def read_rows(path: Path) -> Iterator[tuple[str, list[str], list[Any]]]:
    """Every row of the dump as ``(table, columns, values)``, in file order.

    Refuses (``DatabaseRefused``) a line that is not JSON, a row before any table, and a
    file without its last line (cut short).
    """
    table: tuple[str, list[str]] | None = None
    with path.open(encoding="utf-8") as handle:
        handle.readline()
        for line in handle:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise _refused(path) from error
            if isinstance(item, list) and table is not None:
                yield table[0], table[1], item
            elif isinstance(item, dict) and item.get("end") is True:
                return
            elif isinstance(item, dict) and isinstance(item.get("table"), str):
                table = (item["table"], [str(column) for column in item.get("columns", [])])
            else:
                raise _refused(path)
    raise _refused(path)


def dump_name(stem: str, reason: str, now: datetime | None = None) -> str:
    """``<stem>-<reason>-<UTC stamp>.jsonl``."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stem}-{reason}-{stamp}{SUFFIX}"


def list_dumps(folder: Path, stem: str) -> list[BackupInfo]:
    """The dumps named ``<stem>-…`` in ``folder``, newest first."""
    return find_backups(folder, stem, SUFFIX)


def prune(folder: Path, stem: str, reason: str, keep: int) -> None:
    """Delete the oldest dumps of ``reason`` beyond the newest ``keep``."""
    same = [info for info in list_dumps(folder, stem) if info.reason == reason]
    for info in same[keep:]:
        info.path.unlink(missing_ok=True)
