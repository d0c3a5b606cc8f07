"""Whole-database jobs on PostgreSQL: undo an import batch exactly (SQLite's is
``storage/sqlite/import_revert.py``): its new leads deleted, updated leads restored from
the before-images the import kept on its batch row; leads changed since are found first
(:mod:`leadtui.storage.import_touched`) and those the caller keeps stay as they are."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

import psycopg

from leadtui.domain.changed import ChangedLead, refused_revert
from leadtui.domain.errors import ImportRefused
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.import_plan import KEPT
from leadtui.storage.import_touched import changed_leads

_KEPT = KEPT
_WHO = "id, version, first_name, last_name, email"
Conn = psycopg.Connection[tuple[Any, ...]]


def _undo(conn: Conn, batch_id: int, *, lock: bool) -> dict[str, Any]:
    found = conn.execute(
        "SELECT reverted_at, report_json FROM importbatch WHERE id = %s"
        + (" FOR UPDATE" if lock else ""),
        (batch_id,),
    ).fetchone()
    if found is None:
        raise ImportRefused(_("No import batch {id}.").format(id=batch_id))
    if found[0] is not None:
        raise ImportRefused(_("Import batch {id} was already reverted.").format(id=batch_id))
    undo: dict[str, Any] = json.loads(found[1] or "{}").get("undo", {})
    return undo


def changed_since_import(conn: Conn, batch_id: int) -> list[ChangedLead]:
    """The batch's leads that were edited, moved, touched or deleted after the import."""
    undo = _undo(conn, batch_id, lock=False)

    def fetch(ids: list[int]) -> Iterable[tuple[int, int, str, str, str | None]]:
        return conn.execute(f"SELECT {_WHO} FROM lead WHERE id = ANY(%s)", (ids,)).fetchall()

    new_rows = conn.execute(
        f"SELECT {_WHO} FROM lead WHERE import_batch_id = %s AND version <> 1", (batch_id,)
    ).fetchall()
    return changed_leads(undo, new_rows, fetch)


def revert(
    conn: Conn, batch_id: int, now: datetime, keep: Collection[int] = (), *, force: bool = False
) -> dict[str, int]:
    """Undo a batch inside the caller's transaction; the batch row is locked first.

    Leads in ``keep`` stay as they are now (a new one leaves the batch); other leads
    changed since the import refuse the revert unless ``force``.
    """
    undo = _undo(conn, batch_id, lock=True)
    if not force:
        changed = [lead for lead in changed_since_import(conn, batch_id) if lead.id not in keep]
        if changed:
            raise refused_revert(changed)
    kept = sorted(set(keep))
    conn.execute(
        "UPDATE lead SET import_batch_id = NULL WHERE import_batch_id = %s AND id = ANY(%s)",
        (batch_id, kept),
    )
    deleted = conn.execute("DELETE FROM lead WHERE import_batch_id = %s", (batch_id,)).rowcount
    marks = ", ".join(["%s"] * len(_KEPT))
    restored = [item for item in undo.get("before", []) if item["id"] not in set(kept)]
    with conn.cursor() as cursor:
        for item in restored:
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
        for kind, table in (("activity", "activity"), ("change", "stagechange")):
            cursor.execute(
                f"DELETE FROM {table} WHERE id = ANY(%s) AND NOT lead_id = ANY(%s)",
                (list(undo.get(kind, [])), kept),
            )
    conn.execute(
        "DELETE FROM tag WHERE id > %s AND id NOT IN (SELECT tag_id FROM leadtag)",
        (undo.get("tag_floor", 2**62),),
    )
    conn.execute(
        "UPDATE importbatch SET reverted_at = %s WHERE id = %s", (format_db_time(now), batch_id)
    )
    return {"deleted": deleted, "restored": len(restored), "kept": len(kept)}
