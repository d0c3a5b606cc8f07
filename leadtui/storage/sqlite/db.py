"""Opening, checking, creating and migrating the database.

The checks read the file header with plain file I/O before SQLite ever opens
the file, so a file that is not ours is refused byte-for-byte unchanged.
Migrations use ``PRAGMA user_version`` (the steps: :mod:`.migrations`): the schema is
small and lives in one file, so a numbered list of SQL steps is enough and
keeps Alembic's import cost off the start-up path.
"""

from __future__ import annotations

import os
import sqlite3
from enum import Enum
from pathlib import Path

import msgspec

from leadtui.i18n import _
from leadtui.paths import ensure_private_dir
from leadtui.storage.sqlite.backup_copy import backup_database, backups_to_keep
from leadtui.storage.sqlite.connect import connect_sqlite, immediate_transaction, read_only_uri
from leadtui.storage.sqlite.migrations import MIGRATIONS as MIGRATIONS
from leadtui.storage.sqlite.migrations import Migration as Migration

APPLICATION_ID = 0x4C454144  # "LEAD"
SQLITE_MAGIC = b"SQLite format 3\x00"


def schema_version() -> int:
    """The schema version this leadtui writes."""
    from leadtui.storage.schema_version import SCHEMA_VERSION

    return SCHEMA_VERSION


class DbState(Enum):
    """What :func:`inspect_file` found at a path."""

    MISSING = "missing"
    CURRENT = "current"
    OLDER = "older"


class DbCheck(msgspec.Struct, frozen=True):
    """The result of checking a database file before use."""

    state: DbState
    version: int


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def has_our_header(path: Path) -> bool:
    """True when ``path`` starts with a SQLite header carrying leadtui's application id."""
    try:
        header = _header(path)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[68:72] == APPLICATION_ID.to_bytes(4, "big")


def inspect_file(path: Path, *, marked_ok: bool = False) -> DbCheck:
    """Check ``path`` without changing it; raise :class:`DatabaseRefused` if it is unusable
    (or was found damaged by an earlier integrity check, unless ``marked_ok``)."""
    from leadtui.domain.errors import DatabaseRefused
    from leadtui.storage.sqlite.integrity import refuse_if_marked
    from leadtui.storage.sqlite.path_check import check_db_path
    from leadtui.storage.sqlite.wal_check import check_wal

    if not check_db_path(path):
        check_wal(path, page_size=None)
        return DbCheck(DbState.MISSING, 0)
    try:
        header = _header(path)
    except OSError as error:
        raise DatabaseRefused(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror)
        ) from error
    if not header:
        raise DatabaseRefused(
            _(
                "{path} is empty (0 bytes): it is not a leadtui database. It was left unchanged."
            ).format(path=path)
        )
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(
            _(
                "{path} is not a SQLite database (damaged, or another kind of file). "
                "It was left unchanged."
            ).format(path=path)
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise DatabaseRefused(
            _(
                "{path} is a SQLite database of another application, not leadtui. "
                "It was left unchanged."
            ).format(path=path)
        )
    if not marked_ok:
        refuse_if_marked(path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    check_wal(path, page_size=page_size)
    _check_size(path, header, page_size)
    version = _read_user_version(path)
    current = schema_version()
    if version > current:
        raise DatabaseRefused(
            _(
                "{path} was written by a newer leadtui (schema {found}, this one knows {known}). "
                "Upgrade leadtui; the file was left unchanged."
            ).format(path=path, found=version, known=current)
        )
    return DbCheck(DbState.CURRENT if version == current else DbState.OLDER, version)


def _check_size(path: Path, header: bytes, page_size: int) -> None:
    """Refuse a truncated file: smaller than its header says (when no WAL holds the rest)."""
    from leadtui.domain.errors import DatabaseRefused
    from leadtui.storage.sqlite.wal_check import wal_path

    wal = wal_path(path)
    if wal.exists() and wal.stat().st_size > 0:
        return  # the WAL may hold pages the file does not have yet
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96] and pages > 0
    size = path.stat().st_size
    if size % page_size or (header_valid and size < pages * page_size):
        raise DatabaseRefused(
            _(
                "{path} is truncated ({size} bytes; its header expects {expected}). "
                "It was left unchanged."
            ).format(path=path, size=f"{size:,}", expected=f"{pages * page_size:,}")
        )


def _read_user_version(path: Path) -> int:
    """Read ``user_version`` through SQLite (the header may lag behind the WAL).

    Without a -wal there is nothing the header could lag behind, so the file is
    opened immutable: a refused file must not gain -wal/-shm files beside it.
    """
    from leadtui.domain.errors import DatabaseRefused

    wal = path.with_name(path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            conn = connect_sqlite(path, read_only=True)
        else:
            conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
        try:
            row = conn.execute("PRAGMA user_version").fetchone()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseRefused(
            _(
                "{path} is damaged and cannot be read ({reason}). It was left unchanged; "
                "restore the newest good backup with `leadtui restore` (as a last resort, "
                "`sqlite3 {name} .recover` copies out what can still be read)."
            ).format(path=path, reason=error, name=path.name)
        ) from error
    return int(row[0])


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 (its directory 0700)."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def create_schema(path: Path) -> None:
    """Create a new leadtui database at ``path`` (which must not exist).

    It is built under a temporary name and linked into place when complete, so a
    crash half-way never leaves a file at ``path`` that later opens are refused on.
    """
    building = path.with_name(path.name + ".creating")
    for leftover in (building, *(Path(f"{building}{s}") for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)  # from a creation that crashed
    _build_schema(building)
    try:
        os.link(building, path)  # unlike rename, never replaces a file made meanwhile
    except FileExistsError:
        building.unlink()
        raise
    except OSError:  # a file system without hard links
        os.replace(building, path)
        return
    building.unlink()


def _build_schema(path: Path) -> None:
    # Plain sqlite3 and fixed DDL: the ORM is not needed (nor imported) to create a database.
    from leadtui.domain.enums import DEFAULT_STAGES
    from leadtui.storage.sqlite.schema import FTS_DDL, LIST_INDEXES
    from leadtui.storage.sqlite.summary_triggers import SUMMARY_TRIGGERS
    from leadtui.storage.sqlite.tables import TABLES_DDL

    create_private_file(path)
    conn = connect_sqlite(path)
    try:
        with immediate_transaction(conn):
            for ddl in (*TABLES_DDL, *FTS_DDL, *LIST_INDEXES, *SUMMARY_TRIGGERS):
                conn.execute(ddl)
            conn.executemany(
                "INSERT INTO stage (key, name, position, kind) VALUES (?, ?, ?, ?)",
                [
                    (key, name, pos, kind.value)
                    for pos, (key, name, kind) in enumerate(DEFAULT_STAGES)
                ],
            )
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={schema_version()}")
        # The header must carry application_id before anyone checks it.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def migrate(path: Path, from_version: int) -> Path:
    """Back up, then apply the migrations from ``from_version`` to the current schema.

    All steps run in one transaction: a failure leaves the database as it was.
    """
    from leadtui.domain.errors import DatabaseRefused

    backup = backup_database(path, reason=f"pre-migration-v{from_version}", keep=backups_to_keep())
    conn = connect_sqlite(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for version in range(from_version, schema_version()):
            step = MIGRATIONS.get(version)
            if step is None:
                conn.execute("ROLLBACK")
                raise DatabaseRefused(
                    _(
                        "No migration from schema {version}; the file was left unchanged "
                        "(backup: {backup})."
                    ).format(version=version, backup=backup)
                )
            step(conn)
        conn.execute(f"PRAGMA user_version={schema_version()}")
        conn.execute("COMMIT")
    except sqlite3.Error:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return backup


def open_database(path: Path, *, create: bool = True, read_only: bool = False) -> DbCheck:
    """Make ``path`` ready for use: create, or check and migrate. Returns what was found."""
    from leadtui.domain.errors import DatabaseRefused

    check = inspect_file(path)
    if check.state is DbState.MISSING:
        if not create or read_only:
            raise DatabaseRefused(_("No database at {path}.").format(path=path))
        create_schema(path)
    elif check.state is DbState.OLDER:
        if read_only:
            raise DatabaseRefused(
                _(
                    "{path} needs an upgrade (schema {found}) but is read-only; it was left "
                    "unchanged."
                ).format(path=path, found=check.version)
            )
        migrate(path, check.version)
    return check
