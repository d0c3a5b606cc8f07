"""Schema step 9 → 10 on SQLite (issue 15): the index that serves the score sort.

SQLite sorts NULLs first ascending and last descending, which is the order the list
wants for unscored leads, so schema 4's ``ix_live_score (score, id)`` already serves the
sort; the step only makes sure it is there (PostgreSQL's step rebuilds its index).
"""

from __future__ import annotations

import sqlite3

from leadtui.storage.sqlite.schema import SCORE_INDEX


def index_score_sort(conn: sqlite3.Connection) -> None:
    """Create ``ix_live_score`` unless it is there (safe to run twice)."""
    conn.execute(SCORE_INDEX)
