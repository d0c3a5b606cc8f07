"""Schema step 12 → 13: the summary tables, their triggers and their backfill (idempotent).

Creates ``leadreach``, ``leadsummary`` and ``followupsummary`` when missing, the
triggers that keep them, then refills them from the leads, so running it twice, or
on a database that already has them, leaves the same numbers.
"""

from __future__ import annotations

import sqlite3

from leadtui.storage.columns import FOLLOWUP_SUMMARY, LEAD_REACH, LEAD_SUMMARY
from leadtui.storage.sqlite.summary_triggers import SUMMARY_TRIGGERS
from leadtui.storage.sqlite.tables import create_table
from leadtui.storage.summary import REACHED_SQLITE, backfill_statements


def add_summaries(conn: sqlite3.Connection) -> None:
    """Add the summary tables and triggers when missing and fill them from the leads."""
    for table in (LEAD_REACH, LEAD_SUMMARY, FOLLOWUP_SUMMARY):
        conn.execute(create_table(table).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
    for trigger in SUMMARY_TRIGGERS:
        conn.execute(trigger)
    for statement in backfill_statements(REACHED_SQLITE):
        conn.execute(statement)
