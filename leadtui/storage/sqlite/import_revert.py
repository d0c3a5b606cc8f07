"""Undo an import batch on SQLite (written by ``import_batch.py``): its new leads deleted,
updated leads restored from the before-images the import kept on its batch row."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from leadtui.domain.errors import ImportRefused
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.sqlite.bulk_rows import LEAD_COLUMNS

_KEPT = tuple(column for column in LEAD_COLUMNS if column != "id")


def revert(conn: sqlite3.Connection, batch_id: int, now: datetime) -> dict[str, int]:
    """Undo a batch exactly: its new leads deleted, updated leads restored."""
    found = conn.execute(
        "SELECT reverted_at, report_json FROM importbatch WHERE id = ?", (batch_id,)
    ).fetchone()
    if found is None:
        raise ImportRefused(_("No import batch {id}.").format(id=batch_id))
    if found[0] is not None:
        raise ImportRefused(_("Import batch {id} was already reverted.").format(id=batch_id))
    undo = json.loads(found[1] or "{}").get("undo", {})
    deleted = conn.execute("DELETE FROM lead WHERE import_batch_id = ?", (batch_id,)).rowcount
    marks = ", ".join("?" * len(_KEPT))
    for item in undo.get("before", []):
        lead = item["lead"]
        conn.execute(
            f"UPDATE lead SET ({', '.join(_KEPT)}) = ({marks}) WHERE id = ?",
            (*(lead[name] for name in _KEPT), item["id"]),
        )
        conn.execute("DELETE FROM leadtag WHERE lead_id = ?", (item["id"],))
        conn.executemany(
            "INSERT INTO leadtag (lead_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
            [(item["id"], tag) for tag in item["tags"]],
        )
    conn.executemany(
        "DELETE FROM activity WHERE id = ?", [(row_id,) for row_id in undo.get("activity", [])]
    )
    conn.executemany(
        "DELETE FROM stagechange WHERE id = ?", [(row_id,) for row_id in undo.get("change", [])]
    )
    conn.execute(
        "DELETE FROM tag WHERE id > ? AND id NOT IN (SELECT tag_id FROM leadtag)",
        (undo.get("tag_floor", 2**62),),
    )
    conn.execute(
        "UPDATE importbatch SET reverted_at = ? WHERE id = ?", (format_db_time(now), batch_id)
    )
    return {"deleted": deleted, "restored": len(undo.get("before", []))}
