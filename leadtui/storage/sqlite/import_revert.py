"""Undo an import batch on SQLite (written by ``import_batch.py``): its new leads deleted,
updated leads restored from the before-images the import kept on its batch row.

Leads changed since the import are found first (:mod:`leadtui.storage.import_touched`);
the caller says which of them to keep as they are now.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from leadtui.domain.changed import ChangedLead, refused_revert
from leadtui.domain.errors import ImportRefused
from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.import_plan import KEPT
from leadtui.storage.import_touched import changed_leads, chunks

_KEPT = KEPT
_WHO = "id, version, first_name, last_name, email"


def _undo(conn: sqlite3.Connection, batch_id: int) -> dict[str, Any]:
    found = conn.execute(
        "SELECT reverted_at, report_json FROM importbatch WHERE id = ?", (batch_id,)
    ).fetchone()
    if found is None:
        raise ImportRefused(_("No import batch {id}.").format(id=batch_id))
    if found[0] is not None:
        raise ImportRefused(_("Import batch {id} was already reverted.").format(id=batch_id))
    undo: dict[str, Any] = json.loads(found[1] or "{}").get("undo", {})
    return undo


def changed_since_import(conn: sqlite3.Connection, batch_id: int) -> list[ChangedLead]:
    """The batch's leads that were edited, moved, touched or deleted after the import."""
    undo = _undo(conn, batch_id)

    def fetch(ids: list[int]) -> Iterable[tuple[int, int, str, str, str | None]]:
        for part in chunks(ids):
            marks = ", ".join("?" * len(part))
            yield from conn.execute(f"SELECT {_WHO} FROM lead WHERE id IN ({marks})", part)

    new_rows = conn.execute(
        f"SELECT {_WHO} FROM lead WHERE import_batch_id = ? AND version != 1", (batch_id,)
    )
    return changed_leads(undo, new_rows, fetch)


def revert(
    conn: sqlite3.Connection,
    batch_id: int,
    now: datetime,
    keep: Collection[int] = (),
    *,
    force: bool = False,
) -> dict[str, int]:
    """Undo a batch exactly: its new leads deleted, updated leads restored.

    Leads in ``keep`` stay as they are now (a new one leaves the batch); ``kept`` counts them.
    Other leads changed since the import refuse the revert unless ``force``.
    """
    undo = _undo(conn, batch_id)
    if not force:
        changed = [lead for lead in changed_since_import(conn, batch_id) if lead.id not in keep]
        if changed:
            raise refused_revert(changed)
    kept = set(keep)
    for part in chunks(sorted(kept)):
        marks = ", ".join("?" * len(part))
        conn.execute(
            f"UPDATE lead SET import_batch_id = NULL WHERE import_batch_id = ? AND id IN ({marks})",
            (batch_id, *part),
        )
    deleted = conn.execute("DELETE FROM lead WHERE import_batch_id = ?", (batch_id,)).rowcount
    marks = ", ".join("?" * len(_KEPT))
    restored = [item for item in undo.get("before", []) if item["id"] not in kept]
    for item in restored:
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
    for kind, table in (("activity", "activity"), ("change", "stagechange")):
        spared: set[int] = set()
        for part in chunks(sorted(kept)):
            marks = ", ".join("?" * len(part))
            spared.update(
                row_id
                for (row_id,) in conn.execute(
                    f"SELECT id FROM {table} WHERE lead_id IN ({marks})", part
                )
            )
        conn.executemany(
            f"DELETE FROM {table} WHERE id = ?",
            [(row_id,) for row_id in undo.get(kind, []) if row_id not in spared],
        )
    conn.execute(
        "DELETE FROM tag WHERE id > ? AND id NOT IN (SELECT tag_id FROM leadtag)",
        (undo.get("tag_floor", 2**62),),
    )
    conn.execute(
        "UPDATE importbatch SET reverted_at = ? WHERE id = ?", (format_db_time(now), batch_id)
    )
    return {"deleted": deleted, "restored": len(restored), "kept": len(kept)}
