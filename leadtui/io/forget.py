"""Erasure ("right to be forgotten"): remove a person so none of their bytes remain.

The lead, its activities, stage history and tag links go (cascades); any
before-image of them kept for an import's revert is cut out; an anonymous
:class:`~leadtui.models.Tombstone` records only when. ``secure_delete`` zeroes
freed content, the search index is optimised (so no deleted segment keeps a
token), and a ``TRUNCATE`` checkpoint empties the WAL.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from leadtui.db import connect_sqlite
from leadtui.errors import NotFoundError
from leadtui.i18n import _
from leadtui.timefmt import format_db_time


def forget_lead(path: Path, lead_id: int, now: datetime) -> int:
    """Erase lead ``lead_id`` (live or soft-deleted); returns the tombstone id."""
    conn = connect_sqlite(path)
    try:
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            deleted = conn.execute("DELETE FROM lead WHERE id = ?", (lead_id,)).rowcount
            if not deleted:
                raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
            _scrub_batches(conn, lead_id)
            tombstone = conn.execute("INSERT INTO tombstone (forgotten_at) VALUES (?)",
                                     (format_db_time(now),)).lastrowid
            conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('optimize')")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    assert tombstone is not None
    return tombstone


def _scrub_batches(conn: sqlite3.Connection, lead_id: int) -> None:
    """Drop the lead's before-images from import batches (their revert data)."""
    rows = conn.execute("SELECT id, report_json FROM importbatch "
                        "WHERE report_json LIKE '%\"before\"%'").fetchall()
    for batch_id, text in rows:
        report = json.loads(text)
        undo = report.get("undo", {})
        before = undo.get("before", [])
        kept = [item for item in before if item.get("id") != lead_id]
        if len(kept) != len(before):
            undo["before"] = kept
            conn.execute("UPDATE importbatch SET report_json = ? WHERE id = ?",
                         (json.dumps(report, ensure_ascii=False), batch_id))
