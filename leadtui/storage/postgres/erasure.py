"""Erasure on PostgreSQL ("right to be forgotten"; SQLite's is ``storage/sqlite/erasure.py``).

The lead, every lead merged into it, their activities, stage history, tag links and
merge snapshots go (cascades), in one transaction; any before-image of them kept for an
import's revert is cut out; an anonymous tombstone records only when.

What PostgreSQL still holds afterwards, and the command says: the deleted row versions
stay in the table files as dead tuples until ``VACUUM`` reuses their space (``VACUUM
(FULL)`` rewrites the tables without them); the WAL segments and any archive or replica
keep the old rows until they are recycled; ``pg_dump`` and base backups taken before keep
the person. leadtui's own backups of the database are erased too
(:func:`leadtui.storage.postgres.backup.forget_in_backups`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg

from leadtui.domain.errors import NotFoundError
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.erasure_plan import scrubbed_report, with_merged_away

Conn = psycopg.Connection[tuple[Any, ...]]
ERASED_TABLES = ("lead", "activity", "stagechange", "leadtag", "leadmerge", "importbatch")
"""The tables a forget deletes or rewrites rows of (the ones to ``VACUUM``)."""


def forget_lead(conn: Conn, lead_id: int, now: datetime) -> int:
    """Erase lead ``lead_id`` (live or soft-deleted) inside the caller's transaction;
    returns the tombstone id."""
    if conn.execute("SELECT id FROM lead WHERE id = %s FOR UPDATE", (lead_id,)).fetchone() is None:
        raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))

    def merged_into(kept: int) -> list[int]:
        rows = conn.execute("SELECT other_id FROM leadmerge WHERE kept_id = %s", (kept,))
        return [int(other) for (other,) in rows]

    lead_ids = with_merged_away([lead_id], merged_into)
    conn.execute("DELETE FROM lead WHERE id = ANY(%s)", (lead_ids,))
    rows = conn.execute(
        "SELECT id, report_json FROM importbatch WHERE report_json LIKE '%%\"before\"%%' FOR UPDATE"
    ).fetchall()
    for batch_id, text in rows:
        scrubbed = scrubbed_report(text, set(lead_ids))
        if scrubbed is not None:
            conn.execute(
                "UPDATE importbatch SET report_json = %s WHERE id = %s", (scrubbed, batch_id)
            )
    found = conn.execute(
        "INSERT INTO tombstone (forgotten_at) VALUES (%s) RETURNING id", (format_db_time(now),)
    ).fetchone()
    assert found is not None
    return int(found[0])
