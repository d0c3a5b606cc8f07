"""The stage history of one lead on the stdlib ``sqlite3`` module (was in the store)."""

from __future__ import annotations

import sqlite3

from leadtui.domain.rows import TimelineEntry
from leadtui.domain.timefmt import parse_db_time


def stage_history(conn: sqlite3.Connection, lead_id: int) -> list[TimelineEntry]:
    """Stage changes of one lead, oldest first."""
    return [
        TimelineEntry(
            at=parse_db_time(at),
            kind="stage",
            id=row_id,
            from_stage=from_stage,
            to_stage=to_stage,
            reason=reason,
        )
        for row_id, from_stage, to_stage, at, reason in conn.execute(
            "SELECT id, from_stage, to_stage, at, reason FROM stagechange "
            "WHERE lead_id = ? ORDER BY at, id",
            (lead_id,),
        )
    ]
