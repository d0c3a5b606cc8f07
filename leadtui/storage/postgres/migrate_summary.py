"""Schema step 12 → 13 on PostgreSQL: the summary tables, their triggers and their backfill.

Idempotent and self-contained (``IF NOT EXISTS``, ``OR REPLACE``, a refill from the
leads), run in the migration's transaction under the schema advisory lock.
"""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.columns import FOLLOWUP_SUMMARY, LEAD_REACH, LEAD_SUMMARY
from leadtui.storage.postgres.summary_triggers import SUMMARY_DDL
from leadtui.storage.postgres.tables import create_table
from leadtui.storage.summary import REACHED_POSTGRES, backfill_statements


def add_summaries(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Add the summary tables and triggers when missing and fill them from the leads."""
    for table in (LEAD_REACH, LEAD_SUMMARY, FOLLOWUP_SUMMARY):
        create = create_table(table).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
        conn.execute(create.encode())
    for statement in (*SUMMARY_DDL, *backfill_statements(REACHED_POSTGRES)):
        conn.execute(statement.encode())
