"""Schema step 6 → 7 on SQLite: ``lead.score_pinned`` (see :mod:`leadtui.storage.score_pinned`)."""

from __future__ import annotations

import sqlite3

from leadtui.storage.score_pinned import COLUMN, add_pinned_column
from leadtui.storage.sqlite.tables import column_sql


def pin_scores(conn: sqlite3.Connection) -> None:
    """Add the column (pinning the scores already typed) unless it is there."""
    names = {row[1] for row in conn.execute("PRAGMA table_info(lead)")}
    add_pinned_column(names, conn.execute, column_sql(COLUMN))
