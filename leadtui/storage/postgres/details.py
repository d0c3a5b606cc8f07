"""The lead detail, timeline and stage history on psycopg (``storage/sqlite/lead_detail_read.py``
and ``history_reads.py`` on SQLite), and the funnel metrics (``funnel_reads.py``).

The funnel is the same streaming pass as SQLite's: PostgreSQL turns each stage change
into (lead, epoch seconds, stage index) in history order, read through
``ix_stagechange_lead_at``; Python keeps only the previous change per lead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from leadtui.domain.funnel import (
    WEEKS,
    FunnelMetrics,
    assemble_metrics,
    first_week_start,
    fold_history,
)
from leadtui.domain.rows import LeadDetail, StageInfo, TimelineEntry
from leadtui.domain.timefmt import format_db_time, parse_db_time
from leadtui.storage.columns import LEAD
from leadtui.storage.postgres import reads
from leadtui.storage.postgres.reads import Conn
from leadtui.storage.postgres.rowmap import column_fields, select_list, values_decoder
from leadtui.storage.timeline_rows import ACTIVITY_COLUMNS, activity_entry

__all__ = ["LeadDetail", "funnel_metrics", "lead_detail", "stage_history", "timeline"]

TIMELINE_LIMIT = 500
_DETAIL_NAMES = (*column_fields(LeadDetail, LEAD), "deleted_at")
DETAIL_COLUMNS = select_list(_DETAIL_NAMES)
_decode_detail = values_decoder(LEAD, _DETAIL_NAMES)


def timeline(conn: Conn, lead_id: int, limit: int) -> list[TimelineEntry]:
    """Up to ``limit`` activities and ``limit`` stage changes of a lead, newest first."""
    entries = [
        activity_entry(row)
        for row in conn.execute(
            f"SELECT {ACTIVITY_COLUMNS} FROM activity WHERE lead_id = %s "
            "ORDER BY at DESC, id DESC LIMIT %s",
            (lead_id, limit),
        )
    ]
    entries += [
        TimelineEntry(
            at=parse_db_time(at),
            kind="stage",
            id=int(row_id),
            from_stage=from_stage,
            to_stage=to_stage,
            reason=reason,
            actor=actor,
        )
        for row_id, from_stage, to_stage, at, reason, actor in conn.execute(
            "SELECT id, from_stage, to_stage, at, reason, actor FROM stagechange "
            "WHERE lead_id = %s "
            "ORDER BY at DESC, id DESC LIMIT %s",
            (lead_id, limit),
        )
    ]
    entries.sort(key=lambda entry: (entry.at, entry.kind == "stage", entry.id), reverse=True)
    return entries


def lead_detail(conn: Conn, lead_id: int, limit: int = TIMELINE_LIMIT) -> LeadDetail | None:
    """The lead (deleted ones too, flagged), or ``None`` when the id does not exist."""
    found = conn.execute(f"SELECT {DETAIL_COLUMNS} FROM lead WHERE id = %s", (lead_id,)).fetchone()
    if found is None:
        return None
    *values, deleted_at = _decode_detail(found)
    return LeadDetail(
        **dict(zip(_DETAIL_NAMES, values, strict=False)),
        deleted=deleted_at is not None,
        tags=tuple(reads.tags_of(conn, lead_id)),
        timeline=tuple(timeline(conn, lead_id, limit)),
    )


def stage_history(conn: Conn, lead_id: int) -> list[TimelineEntry]:
    """Stage changes of one lead, oldest first."""
    return [
        TimelineEntry(
            at=parse_db_time(at),
            kind="stage",
            id=int(row_id),
            from_stage=from_stage,
            to_stage=to_stage,
            reason=reason,
        )
        for row_id, from_stage, to_stage, at, reason in conn.execute(
            "SELECT id, from_stage, to_stage, at, reason FROM stagechange "
            "WHERE lead_id = %s ORDER BY at, id",
            (lead_id,),
        )
    ]


_HISTORY_SQL = """
SELECT c.lead_id, extract(epoch FROM c.at::timestamp)::bigint,
       coalesce(array_position(%s::text[], c.to_stage::text), 0) - 1, c.imported
FROM stagechange c
WHERE c.lead_id NOT IN (SELECT id FROM lead WHERE deleted_at IS NOT NULL)
ORDER BY c.lead_id, c.at, c.id
"""

_WEEKS_SQL = """
SELECT floor(extract(epoch FROM created_at::timestamp - %s::timestamp) / 604800)::bigint,
       count(*)
FROM lead
WHERE deleted_at IS NULL AND created_at >= %s AND created_at < %s
GROUP BY 1
"""


def history_pass(
    conn: Conn, stages: list[StageInfo]
) -> tuple[dict[int, int], Sequence[Sequence[int]], int]:
    """Leads per reached-stage mask, and per stage the completed spans in seconds."""
    spans: Sequence[Sequence[int]] = [[] for _ in stages]
    masks: dict[int, int] = {}
    if not stages:
        return masks, spans, 0
    keys = [stage.key for stage in stages]
    with conn.cursor() as cursor:  # streamed row by row: never the whole history in memory
        return fold_history(cursor.stream(_HISTORY_SQL, (keys,)), len(stages))


def funnel_metrics(conn: Conn, now: datetime, weeks: int = WEEKS) -> FunnelMetrics:
    """Every funnel number for the live leads, as of ``now``."""
    totals = reads.stage_totals(conn)
    masks, spans, imported = history_pass(conn, [total.stage for total in totals])
    first = first_week_start(now, weeks)
    start = format_db_time(first)
    end = format_db_time(first + timedelta(weeks=weeks))
    per_week: dict[int, int] = {
        int(index): int(number) for index, number in conn.execute(_WEEKS_SQL, (start, start, end))
    }
    return assemble_metrics(totals, masks, spans, per_week, now, weeks, imported)
