"""Schema step 6 → 7 on SQLite: owner and actor columns, and the owner index (idempotent)."""

from __future__ import annotations

import sqlite3

from leadtui.storage.sqlite.schema import OWNER_INDEX
from leadtui.storage.sqlite.tables import column_sql
from leadtui.storage.team_columns import add_team_columns


def add_team(conn: sqlite3.Connection) -> None:
    """Add ``lead.owner``, ``stagechange.actor``, ``activity.actor`` and ``ix_live_owner``."""

    def names_of(table: str) -> set[str]:
        return {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}

    add_team_columns(names_of, conn.execute, lambda _table, column: column_sql(column))
    conn.execute(OWNER_INDEX)
