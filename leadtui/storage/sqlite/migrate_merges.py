"""Migration step (schema 1 → 2): the merge and not-a-duplicate tables.

Self-contained and idempotent (``IF NOT EXISTS``), so it can be renumbered or run
on a database that already has the tables.
"""

from __future__ import annotations

import sqlite3

from leadtui.storage.columns import LEAD_MERGE, NOT_DUPLICATE
from leadtui.storage.sqlite.tables import table_ddl


def merge_tables_ddl() -> tuple[str, ...]:
    """The tables' DDL, each statement safe to run twice."""
    return tuple(
        statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1).replace(
            "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1
        )
        for statement in table_ddl((LEAD_MERGE, NOT_DUPLICATE))
    )


def add_merge_tables(conn: sqlite3.Connection) -> None:
    """Create ``leadmerge`` and ``notduplicate`` (and their indexes) if missing."""
    for statement in merge_tables_ddl():
        conn.execute(statement)
