"""Open a PostgreSQL database for leadtui: connect, check, create the schema, detect read-only.

An empty database gets the schema in one transaction (PostgreSQL's DDL is
transactional: a failure leaves it empty), under an advisory lock so two first starts
cannot both create it. A database that has tables but no ``leadtui_schema`` row, or a
newer schema than this program knows, is refused with one clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.columns import TABLES
from leadtui.storage.postgres.tables import LOCK_KEY, SCHEMA_TABLE, schema_ddl
from leadtui.storage.postgres.url import mask_password, scrub
from leadtui.storage.schema_version import SCHEMA_VERSION

APPLICATION_NAME = "leadtui"
CONNECT_TIMEOUT = 10


@dataclass(frozen=True, slots=True)
class PgCheck:
    """What opening found: the schema version, whether writes are refused, the search folding."""

    version: int
    read_only: bool
    created: bool = False


def connect(url: str, *, autocommit: bool = True) -> psycopg.Connection[tuple[Any, ...]]:
    """A psycopg connection to ``url``; failures name the URL with its password masked."""
    try:
        return psycopg.connect(
            url,
            autocommit=autocommit,
            application_name=APPLICATION_NAME,
            connect_timeout=CONNECT_TIMEOUT,
        )
    except psycopg.Error as error:
        reason = scrub(str(error).strip().splitlines()[0] if str(error).strip() else "", url)
        raise DatabaseRefused(
            _("Cannot connect to {url}: {reason}").format(url=mask_password(url), reason=reason)
        ) from error


def _tables(conn: psycopg.Connection[tuple[Any, ...]]) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    return {str(name) for (name,) in rows}


def detect_read_only(conn: psycopg.Connection[tuple[Any, ...]]) -> bool:
    """True when this role cannot write the lead tables (or the server is a read-only standby)."""
    row = conn.execute(
        "SELECT current_setting('transaction_read_only') = 'on' OR pg_is_in_recovery() OR NOT ("
        "has_table_privilege('lead', 'INSERT') AND has_table_privilege('lead', 'UPDATE') "
        "AND has_table_privilege('stagechange', 'INSERT') "
        "AND has_table_privilege('stagechange', 'DELETE') "
        "AND has_table_privilege('activity', 'INSERT'))"
    ).fetchone()
    return bool(row and row[0])


def _can_unaccent(conn: psycopg.Connection[tuple[Any, ...]]) -> bool:
    """Install ``unaccent`` if the server has it (a trusted extension since PostgreSQL 13)."""
    available = conn.execute(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'"
    ).fetchone()
    if available is None:
        return False
    try:
        with conn.transaction():  # a savepoint: a refusal leaves the outer transaction usable
            conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except psycopg.Error:
        return False
    return True


def create_schema(conn: psycopg.Connection[tuple[Any, ...]], now_text: str) -> bool:
    """Create every table in one transaction; ``False`` if another program just did."""
    from leadtui.domain.enums import DEFAULT_STAGES

    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        if _tables(conn):
            return False
        unaccent = _can_unaccent(conn)
        for statement in schema_ddl(unaccent=unaccent):
            conn.execute(statement.encode())
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO stage (key, name, position, kind) VALUES (%s, %s, %s, %s)",
                [
                    (key, name, pos, kind.value)
                    for pos, (key, name, kind) in enumerate(DEFAULT_STAGES)
                ],
            )
        conn.execute(
            f"INSERT INTO {SCHEMA_TABLE} (version, created_at) VALUES (%s, %s)",
            (SCHEMA_VERSION, now_text),
        )
    return True


def open_database(
    url: str, *, create: bool = True, read_only: bool | None = None, now_text: str = ""
) -> PgCheck:
    """Check the database at ``url`` (creating its schema when empty) and say how to use it."""
    masked = mask_password(url)
    with connect(url) as conn:
        tables = _tables(conn)
        created = False
        if not tables:
            if not create or read_only:
                raise DatabaseRefused(
                    _("{url} is an empty database: it has no leadtui tables yet.").format(
                        url=masked
                    )
                )
            try:
                created = create_schema(conn, now_text or stamp_now())
            except psycopg.errors.InsufficientPrivilege as error:
                raise DatabaseRefused(
                    _(
                        "{url} is empty and this role may not create tables in it; ask the "
                        "database owner to run leadtui once, or grant CREATE on the schema."
                    ).format(url=masked)
                ) from error
            tables = _tables(conn)
        if SCHEMA_TABLE not in tables:
            raise DatabaseRefused(
                _(
                    "{url} is not a leadtui database: it has other tables and no leadtui "
                    "schema version. Use an empty database (CREATE DATABASE leads)."
                ).format(url=masked)
            )
        row = conn.execute(f"SELECT max(version) FROM {SCHEMA_TABLE}").fetchone()
        version = int(row[0]) if row and row[0] is not None else 0
        if version > SCHEMA_VERSION:
            raise DatabaseRefused(
                _(
                    "{url} was written by a newer leadtui (schema {found}; this one knows "
                    "{known}). Upgrade leadtui to open it."
                ).format(url=masked, found=version, known=SCHEMA_VERSION)
            )
        if version < 1:
            raise DatabaseRefused(
                _("{url} has no valid leadtui schema version.").format(url=masked)
            )
        if version < SCHEMA_VERSION and not read_only and not detect_read_only(conn):
            from leadtui.storage.postgres.migrate_cadence import migrate

            migrate(
                conn,
                version,
                SCHEMA_VERSION,
                lock_key=LOCK_KEY,
                schema_table=SCHEMA_TABLE,
                now_text=now_text or stamp_now(),
            )
            tables = _tables(conn)
        missing = sorted({table.name for table in TABLES} - tables)
        if missing:
            raise DatabaseRefused(
                _("{url} is damaged: the tables {names} are missing.").format(
                    url=masked, names=", ".join(missing)
                )
            )
        found_read_only = detect_read_only(conn)
    return PgCheck(version, read_only=bool(read_only) or found_read_only, created=created)


def stamp_now() -> str:
    """The current UTC time as the database writes it."""
    from datetime import UTC, datetime

    return format_db_time(datetime.now(UTC).replace(microsecond=0))
