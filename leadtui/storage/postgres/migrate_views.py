"""Schema step: the saved-views table (issue 15). Idempotent and self-contained."""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.columns import SAVED_VIEW
from leadtui.storage.postgres.tables import table_ddl


def add_saved_views(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Create ``savedview`` unless it is already there (safe to run twice)."""
    found = conn.execute("SELECT to_regclass(%s)", (SAVED_VIEW.name,)).fetchone()
    if found is None or found[0] is None:
        for statement in table_ddl((SAVED_VIEW,)):
            conn.execute(statement.encode())
