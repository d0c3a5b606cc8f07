"""Whole-database jobs on PostgreSQL: undo an import batch exactly (SQLite's is
``storage/sqlite/import_revert.py``): its new leads deleted, updated leads restored from
the before-images the import kept on its batch row."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import psycopg

from leadtui.domain.errors import ImportRefused
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.columns import LEAD

_KEPT = tuple(column for column in LEAD.names if column != "id")


def revert(
    conn: psycopg.Connection[tuple[Any, ...]], batch_id: int, now: datetime
) -> dict[str, int]:
    """Undo a batch inside the caller's transaction; the batch row is locked first."""
    found = conn.execute(
        "SELECT reverted_at, report_json FROM importbatch WHERE id = %s FOR UPDATE", (batch_id,)
    ).fetchone()
    if found is None:
        raise ImportRefused(_("No import batch {id}.").format(id=batch_id))
    if found[0] is not None:
        raise ImportRefused(_("Import batch {id} was already reverted.").format(id=batch_id))
    undo = json.loads(found[1] or "{}").get("undo", {})
    deleted = conn.execute("DELETE FROM lead WHERE import_batch_id = %s", (batch_id,)).rowcount
    marks = ", ".join(["%s"] * len(_KEPT))
    with conn.cursor() as cursor:
        for item in undo.get("before", []):
            lead = item["lead"]
            cursor.execute(
                f"UPDATE lead SET ({', '.join(_KEPT)}) = ROW({marks}) WHERE id = %s",
                (*(lead[name] for name in _KEPT), item["id"]),
            )
            cursor.execute("DELETE FROM leadtag WHERE lead_id = %s", (item["id"],))
            cursor.executemany(
                "INSERT INTO leadtag (lead_id, tag_id) SELECT %s, id FROM tag WHERE name = %s",
                [(item["id"], tag) for tag in item["tags"]],
            )
        cursor.executemany(
            "DELETE FROM activity WHERE id = %s", [(row_id,) for row_id in undo.get("activity", [])]
        )
        cursor.executemany(
            "DELETE FROM stagechange WHERE id = %s",
            [(row_id,) for row_id in undo.get("change", [])],
        )
    conn.execute(
        "DELETE FROM tag WHERE id > %s AND id NOT IN (SELECT tag_id FROM leadtag)",
        (undo.get("tag_floor", 2**62),),
    )
    conn.execute(
        "UPDATE importbatch SET reverted_at = %s WHERE id = %s", (format_db_time(now), batch_id)
    )
    return {"deleted": deleted, "restored": len(undo.get("before", []))}
