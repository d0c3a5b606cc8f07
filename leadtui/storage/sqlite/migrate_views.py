"""Schema step 1 → 2 (issue 15): the saved-views table and the score index. Idempotent."""

from __future__ import annotations

import sqlite3

from leadtui.storage.columns import SAVED_VIEW
from leadtui.storage.sqlite.schema import SCORE_INDEX
from leadtui.storage.sqlite.tables import table_ddl


def add_saved_views(conn: sqlite3.Connection) -> None:
    """Create ``savedview`` and ``ix_live_score`` unless they are there (safe to run twice)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SAVED_VIEW.name,)
    ).fetchone()
    if found is None:
        for statement in table_ddl((SAVED_VIEW,)):
            conn.execute(statement)
    conn.execute(SCORE_INDEX)
