"""Funnel metrics in SQL on the stdlib ``sqlite3`` module (definitions in :mod:`leadtui.funnel`).

Each number is one aggregate query over the stage-change history, so the work
stays inside SQLite (window functions for time in stage and its median)
instead of pulling history rows into Python.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from leadtui import reads
from leadtui.funnel import WEEKS, FunnelMetrics, StageMetrics, first_week_start, week_series
from leadtui.timefmt import format_db_time

_REACHED_SQL = """
WITH reached AS (
    SELECT DISTINCT sc.lead_id AS lead_id, s.key AS stage, s.position AS position, s.kind AS kind
    FROM stagechange sc
    JOIN stage s ON s.key = sc.to_stage
    JOIN lead l ON l.id = sc.lead_id
    WHERE l.deleted_at IS NULL
),
furthest AS (
    SELECT lead_id, max(CASE WHEN kind != 'lost' THEN position END) AS top
    FROM reached GROUP BY lead_id
)
SELECT r.stage, count(*), count(CASE WHEN f.top > r.position THEN 1 END)
FROM reached r JOIN furthest f ON f.lead_id = r.lead_id
GROUP BY r.stage
"""

_MEDIAN_SQL = """
WITH spans AS (
    SELECT sc.to_stage AS stage,
           julianday(lead(sc.at) OVER (PARTITION BY sc.lead_id ORDER BY sc.at, sc.id))
             - julianday(sc.at) AS days
    FROM stagechange sc JOIN lead l ON l.id = sc.lead_id
    WHERE l.deleted_at IS NULL
),
ranked AS (
    SELECT stage, days,
           row_number() OVER (PARTITION BY stage ORDER BY days) AS rn,
           count(*) OVER (PARTITION BY stage) AS n
    FROM spans WHERE days IS NOT NULL
)
SELECT stage, avg(days) FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY stage
"""

_WEEKS_SQL = """
SELECT CAST((julianday(created_at) - julianday(?)) / 7 AS INTEGER), count(*)
FROM lead
WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?
GROUP BY 1
"""


def funnel_metrics(conn: sqlite3.Connection, now: datetime, weeks: int = WEEKS) -> FunnelMetrics:
    """Every funnel number for the live leads, as of ``now``."""
    totals = reads.stage_totals(conn)
    reached = {stage: (count, converted)
               for stage, count, converted in conn.execute(_REACHED_SQL)}
    medians: dict[str, float] = dict(conn.execute(_MEDIAN_SQL).fetchall())
    first = first_week_start(now, weeks)
    start = format_db_time(first)
    end = format_db_time(first + timedelta(weeks=weeks))
    per_week = {int(index): int(count)
                for index, count in conn.execute(_WEEKS_SQL, (start, start, end))}
    stages = tuple(
        StageMetrics(
            key=total.stage.key, name=total.stage.name, kind=total.stage.kind,
            count=total.count, value_cents=total.value_cents,
            reached=reached.get(total.stage.key, (0, 0))[0],
            converted=reached.get(total.stage.key, (0, 0))[1],
            median_days=medians.get(total.stage.key),
        )
        for total in totals
    )
    return FunnelMetrics(
        stages=stages,
        won=sum(s.count for s in stages if s.kind == "won"),
        lost=sum(s.count for s in stages if s.kind == "lost"),
        weeks=week_series(now, per_week, weeks),
    )
