"""Schema step 6 → 7 on PostgreSQL: owner and actor columns, the owner index, the change signal.

Idempotent (columns checked in ``information_schema``, ``IF NOT EXISTS`` on the index);
run in the migration's one transaction under the schema advisory lock.
"""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.postgres.notify_ddl import NOTIFY_DDL
from leadtui.storage.postgres.tables import OWNER_INDEX, column_sql
from leadtui.storage.team_columns import add_team_columns


def add_team(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Add ``lead.owner``, ``stagechange.actor``, ``activity.actor`` and ``ix_live_owner``."""

    def names_of(table: str) -> set[str]:
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            (table,),
        )
        return {str(name) for (name,) in rows}

    add_team_columns(names_of, lambda sql: conn.execute(sql.encode()), column_sql)
    conn.execute(OWNER_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1).encode())
    for statement in NOTIFY_DDL:
        conn.execute(statement.encode())
