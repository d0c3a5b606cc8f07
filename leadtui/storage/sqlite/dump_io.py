"""leadtui's data dump (:mod:`leadtui.storage.dump_file`) on a SQLite file, both ways.

``write_sqlite_dump`` writes every leadtui table of a file as a dump, from one read
transaction: the same format a PostgreSQL backup is, so a file's data can be restored
onto a server. ``restore_dump`` does the reverse: the dump's rows go into a new file
built beside the database (fresh schema, its default rows replaced, the search index
filled by its triggers), which then replaces the database through the checked restore
of :mod:`.backup` (the replaced file is kept). Nothing changes when the dump is
refused: not a dump, from a newer schema, cut short, or naming a table or column
leadtui does not know.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

from leadtui.domain.timefmt import format_db_time
from leadtui.storage.base import RestoreResult
from leadtui.storage.columns import TABLES
from leadtui.storage.dump_file import (
    FORMAT,
    DumpHeader,
    TableRows,
    read_header,
    read_rows,
    write_dump,
)
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.storage.sqlite.connect import connect_sqlite, immediate_transaction, read_only_uri
from leadtui.storage.summary import DERIVED_TABLES

_DECLARED = {table.name: table for table in TABLES}


def is_dump(path: Path) -> bool:
    """Whether ``path`` starts like a leadtui dump (a SQLite file never does)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return False
    return start.startswith(b"{") and FORMAT.encode() in start


def write_sqlite_dump(db_path: Path, target: Path) -> Path:
    """Write every leadtui table of ``db_path`` to the dump ``target``; its path."""
    import sqlite3

    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    try:
        conn.execute("BEGIN")  # one snapshot for every table

        def tables() -> Iterator[TableRows]:
            for table in TABLES:
                keys = [column.name for column in table.columns if column.primary_key]
                names = ", ".join(f'"{name}"' for name in table.names)
                order = ", ".join(f'"{name}"' for name in keys)
                rows = conn.execute(f'SELECT {names} FROM "{table.name}" ORDER BY {order}')
                yield table.name, list(table.names), (list(row) for row in rows)

        header = DumpHeader(
            SCHEMA_VERSION, format_db_time(datetime.now(UTC)), "manual", str(db_path)
        )
        return write_dump(target, header, tables())
    finally:
        conn.close()


def restore_dump(db_path: Path, dump: Path) -> RestoreResult:
    """Replace ``db_path`` with a file holding exactly the dump's rows."""
    from leadtui.storage.dump_shape import check_shape
    from leadtui.storage.sqlite.backup import restore_backup
    from leadtui.storage.sqlite.db import create_schema

    read_header(dump)
    check_shape(dump)
    building = db_path.with_name(f".{db_path.name}.from-dump")
    leftovers = [Path(f"{building}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        create_schema(building)
        conn = connect_sqlite(building)
        try:
            with immediate_transaction(conn):
                for table in reversed(TABLES):  # a new file's default stages, and so on
                    conn.execute(f'DELETE FROM "{table.name}"')
                for (found, columns), rows in groupby(read_rows(dump), key=lambda r: (r[0], r[1])):
                    if found in DERIVED_TABLES:  # the triggers fill them from the leads
                        continue
                    # Names from the declaration, never from the file (check_shape vouched
                    # that the file names only declared tables and columns).
                    table = _DECLARED[found]
                    name = table.name
                    names = ", ".join(f'"{table[column].name}"' for column in columns)
                    marks = ", ".join("?" * len(columns))
                    conn.executemany(
                        f'INSERT INTO "{name}" ({names}) VALUES ({marks})',
                        (values for _table, _columns, values in rows),
                    )
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        result = restore_backup(db_path, building)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return RestoreResult(dump, result.previous_saved_as)
