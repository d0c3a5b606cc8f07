"""Schema step 5 → 6 on PostgreSQL: stage cadences and the going-cold index.

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
