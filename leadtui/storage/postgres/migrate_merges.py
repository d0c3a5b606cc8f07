"""Migration step (schema 1 → 2) on PostgreSQL: the merge and not-a-duplicate tables.

Self-contained and idempotent (``IF NOT EXISTS``), run in the caller's transaction.
"""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.columns import LEAD_MERGE, NOT_DUPLICATE
from leadtui.storage.postgres.tables import table_ddl


def add_merge_tables(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Create ``leadmerge`` and ``notduplicate`` (and their indexes) if missing."""
    for statement in table_ddl((LEAD_MERGE, NOT_DUPLICATE)):
        safe = statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
        safe = safe.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
        conn.execute(safe.encode())
