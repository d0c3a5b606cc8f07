"""Turn a fresh database into what leadtui schema 1 wrote (the first release).

Each later schema added something; dropping it all gives the file a version-1 program
left: merge tables (3), saved views and the score index (4), ``stagechange.imported``
and the per-currency stage index (5), stage cadences and the going-cold index (6), the
activity edit columns (7), ``lead.score_pinned`` (8), the search index's 3-letter
prefixes (10), the summary tables and their triggers (12). Email keys (2) changed values,
not the schema.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

V2_TABLES = (
    "leadmerge",
    "notduplicate",
    "savedview",
    "stagecadence",
    "leadreach",
    "leadsummary",
    "followupsummary",
)
"""The tables later schemas added."""


def downgrade_to_v1(path: Path) -> None:
    """Drop what later schemas added and mark the file as schema 1 (a database from before)."""
    conn = sqlite3.connect(path)
    try:
        for (trigger,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'summary_%'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {trigger}")
        for table in (*V2_TABLES, "summarydefer"):  # summarydefer: SQLite only
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute("DROP INDEX IF EXISTS ix_live_score")
        conn.execute("DROP INDEX IF EXISTS ix_live_stage_activity")
        conn.execute("ALTER TABLE stagechange DROP COLUMN imported")
        conn.execute("ALTER TABLE activity DROP COLUMN edited_at")
        conn.execute("ALTER TABLE activity DROP COLUMN edited_fields")
        conn.execute("ALTER TABLE lead DROP COLUMN score_pinned")
        conn.execute("DROP INDEX IF EXISTS ix_live_stage_money")
        conn.execute(
            "CREATE INDEX ix_live_stage_value ON lead(stage, value_cents) WHERE deleted_at IS NULL"
        )
        conn.execute("DROP TABLE lead_fts")  # schema 1's search index: prefixes 1 and 2
        conn.execute(
            "CREATE VIRTUAL TABLE lead_fts USING fts5(first_name, last_name, email, company, "
            "content='lead', content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
            "prefix='1 2')"
        )
        conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('rebuild')")
        conn.execute("PRAGMA user_version=1")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
