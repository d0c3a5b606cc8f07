"""Schema step 11 → 12 on PostgreSQL: the list indexes of nullable columns sort NULLs first.

``ix_live_email`` and ``ix_live_activity`` were plain ascending (NULLs last), so the
list's SQLite-compatible ORDER BY (NULLs first ascending) could not walk them: sorting
by email or by last activity sorted the whole table for every page (about 5 s at a
million leads). Rebuilt as ``NULLS FIRST``. Idempotent (``DROP INDEX IF EXISTS``, then
the index again), inside the migration's one transaction.
"""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.postgres.tables import NULLS_FIRST_INDEXES


def nulls_first_indexes(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Rebuild the email and last-activity list indexes with NULLs first."""
    for statement in NULLS_FIRST_INDEXES:
        name = statement.split()[2]
        conn.execute(f"DROP INDEX IF EXISTS {name}".encode())
        conn.execute(statement.encode())
