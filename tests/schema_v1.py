"""Turn a fresh database into what leadtui schema 1 wrote (before the merge tables)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

V2_TABLES = ("leadmerge", "notduplicate", "savedview")
"""The tables schema 2 added."""


def downgrade_to_v1(path: Path) -> None:
    """Drop the schema-2 tables and mark the file as schema 1 (a database from before)."""
    conn = sqlite3.connect(path)
    try:
        for table in V2_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute("PRAGMA user_version=1")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
