"""leadtui's own backups of a PostgreSQL database: a data dump of every leadtui table
(:mod:`leadtui.storage.dump_file`) in the backups folder of the data directory, and
a restore that replaces every table's rows with the dump's in one transaction.

A dump is read in one REPEATABLE READ snapshot, so it is consistent while others write.
It is not ``pg_dump``: no roles, grants, functions or indexes, only leadtui's data
with its schema version (a dump from a newer leadtui is refused; an older one restores
into today's tables, missing columns taking their defaults).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.timefmt import format_db_time
from leadtui.paths import data_dir
from leadtui.storage.backup_keep import backups_to_keep
from leadtui.storage.base import BackupErasure, BackupInfo, Person, RestoreResult
from leadtui.storage.columns import TABLES, Table
from leadtui.storage.dump_file import (
    DumpHeader,
    TableRows,
    dump_name,
    list_dumps,
    prune,
    read_header,
    read_rows,
    write_dump,
)
from leadtui.storage.dump_shape import check_shape
from leadtui.storage.postgres import db
from leadtui.storage.postgres.url import mask_password
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.storage.summary import DERIVED_TABLES

Conn = psycopg.Connection[tuple[Any, ...]]
_WITH_ID = tuple(table.name for table in TABLES if "id" in table.names)

_LOCK_TIMEOUT = "10s"


def backup_folder() -> Path:
    """Where backups of server databases go: ``<data dir>/backups``."""
    return data_dir() / "backups"


def stem(url: str) -> str:
    """The file-name stem of one database's backups: ``pg_<db>_<host>_<port>``."""
    params = conninfo_to_dict(url)
    parts = (params.get("dbname"), params.get("host") or "local", params.get("port") or "5432")
    return "pg_" + "_".join(re.sub(r"[^A-Za-z0-9.]+", "_", str(part)).strip("_") for part in parts)


def _rows(conn: Conn, table: Table) -> Iterator[list[Any]]:
    keys = [column.name for column in table.columns if column.primary_key]
    query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
        _names(table.names), sql.Identifier(table.name), _names(keys)
    )
    # A server-side cursor: memory stays flat; closed when its rows are read.
    with conn.cursor(name=f"leadtui_dump_{table.name}") as cursor:
        cursor.itersize = 5000
        cursor.execute(query)
        for row in cursor:
            yield list(row)


def _names(names: Iterable[str]) -> sql.Composed:
    return sql.SQL(", ").join(sql.Identifier(name) for name in names)


def _tables(conn: Conn) -> Iterator[TableRows]:
    for table in TABLES:
        yield table.name, list(table.names), _rows(conn, table)


def _dump(url: str, conn: Conn, reason: str) -> Path:
    folder = backup_folder()
    header = DumpHeader(
        SCHEMA_VERSION, format_db_time(datetime.now(UTC)), reason, mask_password(url)
    )
    target = write_dump(folder / dump_name(stem(url), reason), header, _tables(conn))
    prune(folder, stem(url), reason, backups_to_keep())
    return target


def make_backup(url: str, reason: str = "manual") -> Path:
    """Dump every leadtui table now, in one snapshot; old dumps of ``reason`` pruned."""
    conn = db.connect(url, autocommit=False)
    try:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return _dump(url, conn, reason)
    finally:
        conn.close()


def list_backups(url: str) -> list[BackupInfo]:
    """This database's dumps, newest first."""
    return list_dumps(backup_folder(), stem(url))


def restore_backup(url: str, conn: Conn, backup: Path) -> RestoreResult:
    """Replace every leadtui table's rows with ``backup``'s, inside the caller's transaction.

    The tables are locked first (others wait, or the restore gives up after a few
    seconds), the current data is dumped as a ``pre-restore`` backup, then the tables are
    emptied and copied back from the dump; identity sequences continue after the
    restored ids. A dump that is not leadtui's, from a newer schema, cut short, or naming
    an unknown table or column is refused and nothing changes.
    """
    read_header(backup)
    check_shape(backup)
    tables = _names(table.name for table in TABLES)
    conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(_LOCK_TIMEOUT)))
    conn.execute(sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(tables))
    previous = _dump(url, conn, "pre-restore")
    conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(tables))
    with conn.cursor() as cursor:
        for (name, columns), rows in groupby(read_rows(backup), key=lambda r: (r[0], r[1])):
            if name in DERIVED_TABLES:
                continue
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(name), _names(columns)
            )
            with cursor.copy(statement) as copy:
                for _table, _columns, values in rows:
                    copy.write_row(values)
        for name in _WITH_ID:
            cursor.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "coalesce((SELECT max(id) FROM {}), 0) + 1, false)"
                ).format(sql.Identifier(name)),
                (name,),
            )
    return RestoreResult(backup, previous)


def forget_in_backups(url: str, person: Person, now: datetime) -> BackupErasure:
    """Erase ``person`` from every dump of this database (:mod:`..dump_erasure`)."""
    from leadtui.storage.dump_erasure import erase_from_dump

    result = BackupErasure()
    for info in list_backups(url):
        try:
            if erase_from_dump(info.path, person):
                result.erased.append(info.path)
        except (OSError, DatabaseRefused) as error:
            result.failed.append((info.path, str(error)))
        else:
            result.checked += 1
    return result
