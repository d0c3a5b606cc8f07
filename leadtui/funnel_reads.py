"""Funnel metrics in SQL on the stdlib ``sqlite3`` module (definitions in :mod:`leadtui.funnel`).

Each number is one aggregate query over the stage-change history, so the work
stays inside SQLite and only a few dozen summary rows reach Python: one pass
per lead for the stages it reached (as a bit mask), one index seek per change
for the time to the next change, and a window ranking for the median.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from leadtui import reads
from leadtui.funnel import WEEKS, FunnelMetrics, StageMetrics, first_week_start, week_series
from leadtui.rows import StageInfo
from leadtui.timefmt import format_db_time

_LIVE = "lead_id NOT IN (SELECT id FROM lead WHERE deleted_at IS NOT NULL)"

# Per lead, the set of stages it ever entered as a bit mask (bit i = i-th stage in
# funnel order), then how many leads share each mask: at most 2**stages rows come back.
_MASKS_SQL = """
SELECT mask, count(*) FROM (
    SELECT sum(DISTINCT CASE to_stage {cases} ELSE 0 END) AS mask
    FROM stagechange WHERE {live} GROUP BY lead_id
) GROUP BY mask
"""

# Each change with the time of the same lead's next change (index seek on
# ix_stagechange_lead_at), then the median per stage of the completed spans.
_MEDIAN_SQL = f"""
WITH spans AS (
    SELECT sc.to_stage AS stage,
           (SELECT julianday(nx.at) FROM stagechange nx
            WHERE nx.lead_id = sc.lead_id
              AND (nx.at > sc.at OR (nx.at = sc.at AND nx.id > sc.id))
            ORDER BY nx.at, nx.id LIMIT 1) - julianday(sc.at) AS days
    FROM stagechange sc WHERE sc.{_LIVE}
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


def reached_and_converted(conn: sqlite3.Connection,
                          stages: list[StageInfo]) -> dict[str, tuple[int, int]]:
    """Per stage: leads that ever reached it, and how many of those got further (open or won)."""
    if not stages:
        return {}
    cases = " ".join("WHEN ? THEN ?" for _ in stages)
    params = [value for index, stage in enumerate(stages) for value in (stage.key, 1 << index)]
    counts = [[0, 0] for _ in stages]
    for mask, leads in conn.execute(_MASKS_SQL.format(cases=cases, live=_LIVE), params):
        reached = [index for index in range(len(stages)) if mask >> index & 1]
        top = max((i for i in reached if stages[i].kind != "lost"), default=-1)
        for index in reached:
            counts[index][0] += leads
            if top > index:
                counts[index][1] += leads
    return {stage.key: (counts[i][0], counts[i][1]) for i, stage in enumerate(stages)}


def funnel_metrics(conn: sqlite3.Connection, now: datetime, weeks: int = WEEKS) -> FunnelMetrics:
    """Every funnel number for the live leads, as of ``now``."""
    totals = reads.stage_totals(conn)
    reached = reached_and_converted(conn, [total.stage for total in totals])
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
