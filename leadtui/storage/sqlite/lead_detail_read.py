"""Everything the lead detail screen shows, read in one go on the stdlib ``sqlite3`` module.

The detail can open before the ORM has been imported (the app warms it in a
worker), so this read stays off SQLModel like the list reads do.
"""

from __future__ import annotations

import sqlite3

from leadtui.domain.rows import LeadDetail, TimelineEntry
from leadtui.domain.timefmt import parse_db_time
from leadtui.storage.columns import LEAD
from leadtui.storage.sqlite.reads import tags_of
from leadtui.storage.sqlite.rowmap import column_fields, select_list, values_decoder
from leadtui.storage.timeline_rows import ACTIVITY_COLUMNS, activity_entry

TIMELINE_LIMIT = 500
"""The detail shows at most this many activities and as many stage changes."""


_DETAIL_NAMES = (*column_fields(LeadDetail, LEAD), "deleted_at")
DETAIL_COLUMNS = select_list(_DETAIL_NAMES)
"""``LeadDetail``'s column fields in order, then ``deleted_at`` (for ``deleted``)."""
_decode_detail = values_decoder(LEAD, _DETAIL_NAMES)


def read_timeline(conn: sqlite3.Connection, lead_id: int, limit: int) -> list[TimelineEntry]:
    """Up to ``limit`` activities and ``limit`` stage changes of a lead, newest first."""
    entries = [
        activity_entry(row)
        for row in conn.execute(
            f"SELECT {ACTIVITY_COLUMNS} FROM activity WHERE lead_id = ? "
            "ORDER BY at DESC, id DESC LIMIT ?",
            (lead_id, limit),
        )
    ]
    entries += [
        TimelineEntry(
            at=parse_db_time(at),
            kind="stage",
            id=row_id,
            from_stage=from_stage,
            to_stage=to_stage,
            reason=reason,
            actor=actor,
        )
        for row_id, from_stage, to_stage, at, reason, actor in conn.execute(
            "SELECT id, from_stage, to_stage, at, reason, actor FROM stagechange "
            "WHERE lead_id = ? "
            "ORDER BY at DESC, id DESC LIMIT ?",
            (lead_id, limit),
        )
    ]
    entries.sort(key=lambda entry: (entry.at, entry.kind == "stage", entry.id), reverse=True)
    return entries


def read_lead_detail(
    conn: sqlite3.Connection, lead_id: int, limit: int = TIMELINE_LIMIT
) -> LeadDetail | None:
    """The lead (deleted ones too, flagged), or ``None`` when the id does not exist."""
    row = conn.execute(f"SELECT {DETAIL_COLUMNS} FROM lead WHERE id = ?", (lead_id,)).fetchone()
    if row is None:
        return None
    *values, deleted_at = _decode_detail(row)
    return LeadDetail(
        **dict(zip(_DETAIL_NAMES, values, strict=False)),
        deleted=deleted_at is not None,
        tags=tuple(tags_of(conn, lead_id)),
        timeline=tuple(read_timeline(conn, lead_id, limit)),
    )
