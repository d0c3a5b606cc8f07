"""Schema step 10 → 11 on SQLite (issue 15): the score sort's index and the decay mark.

SQLite sorts NULLs first ascending and last descending, which is the order the list
wants for unscored leads, so schema 4's ``ix_live_score (score, id)`` already serves the
sort; the step makes sure it is there (PostgreSQL's step rebuilds its index). It adds
the ``scoremark`` table (the daily decay pass's mark) unless it is there. Idempotent.
"""

from __future__ import annotations

import sqlite3

from leadtui.storage.columns import SCORE_MARK
from leadtui.storage.sqlite.schema import SCORE_INDEX
from leadtui.storage.sqlite.tables import create_table


def index_score_sort(conn: sqlite3.Connection) -> None:
    """Create ``ix_live_score`` and ``scoremark`` unless they are there (safe to run twice)."""
    conn.execute(SCORE_INDEX)
    conn.execute(create_table(SCORE_MARK).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
