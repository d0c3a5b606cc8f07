"""Schema step 1 → 2 on PostgreSQL: stage cadences and the going-cold index.

Idempotent and self-contained (``IF NOT EXISTS`` throughout), run in one
transaction under the schema advisory lock so two programs opening the same
older database at once migrate it once. leadtui makes no server backups (the
database administrator's pg_dump does), so none is taken here.
"""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.columns import STAGE_CADENCE
from leadtui.storage.postgres.tables import STAGE_ACTIVITY_INDEX, create_table


def add_cadences(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Add the cadence table and the agenda's going-cold index when missing."""
    create = create_table(STAGE_CADENCE).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
    conn.execute(create.encode())
    index = STAGE_ACTIVITY_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
    conn.execute(index.encode())


def migrate(
    conn: psycopg.Connection[tuple[Any, ...]],
    found: int,
    target: int,
    *,
    lock_key: int,
    schema_table: str,
    now_text: str,
) -> None:
    """Bring a database at schema ``found`` up to ``target`` (each step idempotent)."""
    steps = {1: add_cadences}
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key,))
        row = conn.execute(f"SELECT max(version) FROM {schema_table}").fetchone()
        version = int(row[0]) if row and row[0] is not None else found
        for step in range(version, target):
            steps[step](conn)
        if version < target:
            conn.execute(
                f"INSERT INTO {schema_table} (version, created_at) VALUES (%s, %s)",
                (target, now_text),
            )
