"""Schema step 1 → 2 (issue 15): the saved-views table and the score index. Idempotent."""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.columns import SAVED_VIEW
from leadtui.storage.postgres.tables import SCORE_INDEX, table_ddl


def add_saved_views(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Create ``savedview`` and ``ix_live_score`` unless they are there (safe to run twice)."""
    found = conn.execute("SELECT to_regclass(%s)", (SAVED_VIEW.name,)).fetchone()
    if found is None or found[0] is None:
        for statement in table_ddl((SAVED_VIEW,)):
            conn.execute(statement.encode())
    conn.execute(SCORE_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
