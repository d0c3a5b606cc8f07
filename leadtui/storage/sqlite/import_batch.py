"""The database side of an import batch: lookups, updates with before-images, revert.

Every function takes a stdlib ``sqlite3`` connection that is already inside the
import's one transaction. Before-images of updated leads go to a TEMP table
during the run and into ``ImportBatch.report_json`` at the end, so memory
stays flat however many rows are updated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.import_plan import KEPT, ImportRow, counts_of, plan_update, undo_data
from leadtui.storage.sqlite.bulk import LeadWriter

_BATCH = 500
_KEPT = KEPT


def keep_phone_index(conn: sqlite3.Connection) -> None:
    """Make sure the phone index exists during a load that dropped the secondary ones."""
    conn.execute("CREATE INDEX IF NOT EXISTS ix_lead_phone_e164 ON lead (phone_e164)")


def stage_names(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(key, name) of every stage in funnel order."""
    return [
        (key, name) for key, name in conn.execute("SELECT key, name FROM stage ORDER BY position")
    ]


def start(conn: sqlite3.Connection, now: datetime, file_name: str, file_format: str) -> int:
    """Create the batch row and the scratch tables; returns the batch id."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS import_before "
        "(lead_id INTEGER PRIMARY KEY, data TEXT NOT NULL)"
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_added (kind TEXT, id INTEGER)")
    conn.execute("DELETE FROM temp.import_before")
    conn.execute("DELETE FROM temp.import_added")
    cursor = conn.execute(
        "INSERT INTO importbatch (at, file_name, file_format, rows_read, imported, updated, "
        "merged, skipped, rejected, report_json) VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, '')",
        (format_db_time(now), file_name[:500], file_format[:40]),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def tag_floor(conn: sqlite3.Connection) -> int:
    """The highest tag id before the import (tags above it were created by it)."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM tag").fetchone()[0])


def _chunked(items: list[str]) -> Iterable[list[str]]:
    for start_at in range(0, len(items), _BATCH):
        yield items[start_at : start_at + _BATCH]


def by_email(conn: sqlite3.Connection, keys: set[str]) -> dict[str, tuple[int, bool]]:
    """``{email_key: (lead id, deleted)}`` for the keys already in the database."""
    found: dict[str, tuple[int, bool]] = {}
    for part in _chunked(sorted(keys)):
        marks = ", ".join("?" * len(part))
        for key, lead_id, deleted in conn.execute(
            f"SELECT email_key, id, deleted_at IS NOT NULL FROM lead WHERE email_key IN ({marks})",
            part,
        ):
            found[key] = (lead_id, bool(deleted))
    return found


def by_phone(conn: sqlite3.Connection, phones: set[str]) -> dict[str, tuple[int, str | None]]:
    """``{E.164: (oldest live lead id, its email_key)}`` for phones already in the database."""
    found: dict[str, tuple[int, str | None]] = {}
    for part in _chunked(sorted(phones)):
        marks = ", ".join("?" * len(part))
        for phone, lead_id, key in conn.execute(
            f"SELECT phone_e164, id, email_key FROM lead "
            f"WHERE phone_e164 IN ({marks}) AND +deleted_at IS NULL",
            part,
        ):
            if phone not in found or lead_id < found[phone][0]:
                found[phone] = (lead_id, key)
    return found


def update_lead(
    conn: sqlite3.Connection,
    writer: LeadWriter,
    lead_id: int,
    rows: Sequence[ImportRow],
    mode: str,
    now: datetime,
    actor: str | None = None,
) -> None:
    """Apply duplicate rows to an existing lead (as ``actor``), keeping what revert needs."""
    names = ", ".join(_KEPT)
    found = conn.execute(f"SELECT {names} FROM lead WHERE id = ?", (lead_id,)).fetchone()
    current = dict(zip(_KEPT, found, strict=True))
    update = plan_update(current, rows, mode)
    changes, tags, notes = update.changes, update.tags, update.notes
    stamp = format_db_time(now)
    pre_existing = lead_id < writer.first_id
    if pre_existing and not update.empty:
        tags_before = [
            name
            for (name,) in conn.execute(
                "SELECT t.name FROM leadtag l JOIN tag t ON t.id = l.tag_id WHERE l.lead_id = ? "
                "ORDER BY t.name",
                (lead_id,),
            )
        ]
        conn.execute(
            "INSERT OR IGNORE INTO temp.import_before (lead_id, data) VALUES (?, ?)",
            (lead_id, json.dumps({"lead": current, "tags": tags_before})),
        )
    if changes:
        writer.unindex([lead_id])  # searchable columns may change; finish() indexes it again
        _write_changes(conn, lead_id, current, changes, (stamp, actor), pre_existing)
    if tags:
        conn.executemany("INSERT OR IGNORE INTO tag (name) VALUES (?)", [(t,) for t in tags])
        conn.executemany(
            "INSERT OR IGNORE INTO leadtag (lead_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
            [(lead_id, t) for t in tags],
        )
    for note in notes:
        cursor = conn.execute(
            "INSERT INTO activity (lead_id, kind, at, body, actor) VALUES (?, 'note', ?, ?, ?)",
            (lead_id, stamp, note, actor),
        )
        if pre_existing:
            conn.execute(
                "INSERT INTO temp.import_added VALUES ('activity', ?)", (cursor.lastrowid,)
            )
    if notes:
        conn.execute(
            "UPDATE lead SET last_activity_at = max(coalesce(last_activity_at, ''), ?) "
            "WHERE id = ?",
            (stamp, lead_id),
        )


def _write_changes(
    conn: sqlite3.Connection,
    lead_id: int,
    current: dict[str, Any],
    changes: dict[str, Any],
    when_who: tuple[str, str | None],
    pre_existing: bool,
) -> None:
    stamp, actor = when_who
    if "stage" in changes:
        changes["stage_changed_at"] = stamp
        cursor = conn.execute(
            "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, actor) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (lead_id, current["stage"], changes["stage"], stamp, _("import"), actor),
        )
        if pre_existing:
            conn.execute("INSERT INTO temp.import_added VALUES ('change', ?)", (cursor.lastrowid,))
    assignments = ", ".join(f"{name} = ?" for name in changes)
    conn.execute(
        f"UPDATE lead SET {assignments}, updated_at = ?, version = version + 1 WHERE id = ?",
        (*changes.values(), stamp, lead_id),
    )


def finish(
    conn: sqlite3.Connection,
    batch_id: int,
    counts: dict[str, Any],
    report: dict[str, Any],
    floor: int,
) -> None:
    """Write the counts, the report and the undo data onto the batch row."""
    before = [
        (lead_id, json.loads(data), version)
        for lead_id, data, version in conn.execute(
            "SELECT b.lead_id, b.data, l.version FROM temp.import_before b "
            "JOIN lead l ON l.id = b.lead_id ORDER BY b.lead_id"
        )
    ]
    versions = dict(
        conn.execute(
            "SELECT id, version FROM lead WHERE import_batch_id = ? AND version != 1", (batch_id,)
        )
    )
    added = conn.execute("SELECT kind, id FROM temp.import_added").fetchall()
    report = {**report, "undo": undo_data(before, versions, added, floor)}
    conn.execute(
        "UPDATE importbatch SET rows_read = ?, imported = ?, updated = ?, merged = ?, "
        "skipped = ?, rejected = ?, report_json = ? WHERE id = ?",
        (*counts_of(counts), json.dumps(report, ensure_ascii=False), batch_id),
    )
    conn.execute("DELETE FROM temp.import_before")
    conn.execute("DELETE FROM temp.import_added")
