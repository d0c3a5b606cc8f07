"""An imported pipeline keeps its funnel: the stages a lead reached before it came in.

A lead imported in Proposal reached New, Contacted and Qualified; a lead imported in
Won reached every open stage; a lead imported in Lost tells nothing about how far it
got. Those stages are recorded as stage changes marked ``imported`` at the lead's
creation time, so conversions count them, while time in stage ignores them
(:func:`leadtui.domain.funnel.fold_history`).
"""

from __future__ import annotations

import sqlite3

_RECORD = """
INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, imported, actor)
SELECT l.id, NULL, s.key, l.created_at, '', 1, ?
FROM lead l
JOIN stage cur ON cur.key = l.stage AND cur.kind != 'lost'
JOIN stage s ON s.kind = 'open' AND s.position < cur.position
WHERE l.import_batch_id = ?
ORDER BY l.id, s.position
"""


def record_imported_history(
    conn: sqlite3.Connection, batch_id: int, actor: str | None = None
) -> int:
    """Add the earlier stages of each lead the batch created (by ``actor``); how many."""
    return conn.execute(_RECORD, (actor, batch_id)).rowcount
