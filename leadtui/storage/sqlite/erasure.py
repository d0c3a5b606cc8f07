"""SQLite erasure ("right to be forgotten"; was ``io/forget.py``): no byte of a person left.

The lead, every lead merged into it, their activities, stage history, tag links and
merge snapshots go (cascades); any
before-image of them kept for an import's revert is cut out; an anonymous
:class:`~leadtui.storage.models.Tombstone` records only when. ``secure_delete`` zeroes
freed content, the search index is optimised (so no deleted segment keeps a
token), and a ``TRUNCATE`` checkpoint empties the WAL.

Backups are copies of the database taken before the erasure, so the person is
erased from each of them too (:func:`forget_in_backups`), found there by the
same row (id and creation time) or by their email.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from leadtui.domain.errors import NotFoundError
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.base import BackupErasure, Person
from leadtui.storage.erasure_plan import scrubbed_report, with_merged_away
from leadtui.storage.sqlite.connect import BUSY_TIMEOUT_MS, connect_sqlite, immediate_transaction

_BY_ID = "SELECT id FROM lead WHERE id = ?"
# In a backup: the same row (ids can be reused, creation times tell them apart), or
# any lead with the person's email (erased and added again since the backup).
_BY_PERSON = (
    "SELECT id FROM lead WHERE (id = ? AND created_at = ?) "
    "OR (email_key IS NOT NULL AND email_key = ?)"
)


def forget_lead(path: Path, lead_id: int, now: datetime) -> int:
    """Erase lead ``lead_id`` (live or soft-deleted); returns the tombstone id."""
    conn = connect_sqlite(path)
    try:
        tombstone = _erase(conn, _BY_ID, (lead_id,), now)
        if tombstone is None:
            raise NotFoundError(_("No lead with id {id}.").format(id=lead_id))
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return tombstone


def forget_in_backups(backups: list[Path], person: Person, now: datetime) -> BackupErasure:
    """Erase ``person`` from every backup file; one that cannot be changed is reported."""
    result = BackupErasure()
    params = (person.lead_id, format_db_time(person.created_at), person.email_key)
    for backup in backups:
        try:
            # A backup is a rollback-journal file: opened as it is (no switch to WAL).
            conn = sqlite3.connect(backup, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            try:
                conn.execute("PRAGMA foreign_keys=ON")
                if _erase(conn, _BY_PERSON, params, now) is not None:
                    result.erased.append(backup)
            finally:
                conn.close()
        except sqlite3.Error as error:
            result.failed.append((backup, str(error)))
        else:
            result.checked += 1
    return result


def _erase(
    conn: sqlite3.Connection, select_sql: str, params: tuple[object, ...], now: datetime
) -> int | None:
    """Delete the leads ``select_sql`` finds, in one transaction; the tombstone id, or None."""
    conn.execute("PRAGMA secure_delete=ON")
    with immediate_transaction(conn):
        lead_ids = _with_merged_away(conn, [row[0] for row in conn.execute(select_sql, params)])
        if not lead_ids:
            return None
        conn.executemany("DELETE FROM lead WHERE id = ?", [(lead_id,) for lead_id in lead_ids])
        _scrub_batches(conn, set(lead_ids))
        tombstone = conn.execute(
            "INSERT INTO tombstone (forgotten_at) VALUES (?)", (format_db_time(now),)
        ).lastrowid
        conn.execute("INSERT INTO lead_fts(lead_fts) VALUES ('optimize')")
    assert tombstone is not None
    return tombstone


def _with_merged_away(conn: sqlite3.Connection, lead_ids: list[int]) -> list[int]:
    """``lead_ids`` and every lead merged into them (a backup from before merges has no
    ``leadmerge`` table); their merge snapshots cascade."""
    has_merges = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leadmerge'"
    ).fetchone()
    if not has_merges:
        return list(dict.fromkeys(lead_ids))
    return with_merged_away(
        lead_ids,
        lambda kept: [
            other
            for (other,) in conn.execute(
                "SELECT other_id FROM leadmerge WHERE kept_id = ?", (kept,)
            )
        ],
    )


def _scrub_batches(conn: sqlite3.Connection, lead_ids: set[int]) -> None:
    """Drop the leads' before-images from import batches (their revert data)."""
    rows = conn.execute(
        "SELECT id, report_json FROM importbatch WHERE report_json LIKE '%\"before\"%'"
    ).fetchall()
    for batch_id, text in rows:
        scrubbed = scrubbed_report(text, lead_ids)
        if scrubbed is not None:
            conn.execute(
                "UPDATE importbatch SET report_json = ? WHERE id = ?", (scrubbed, batch_id)
            )
