"""The summary tables' keys and their full recomputation (both dialects' SQL).

:data:`~leadtui.storage.columns.LEAD_SUMMARY` holds, per (source, creation month,
stage, currency, reached set), how many live leads there are and their value;
:data:`~leadtui.storage.columns.FOLLOWUP_SUMMARY` per (stage, follow-up hour) how
many live leads are due. Triggers (``storage/sqlite/summary_triggers.py``,
``storage/postgres/summary_triggers.py``) keep them in the same transaction as every
write to ``lead`` and ``stagechange``, whichever code path makes it. Overdue depends
on the clock, so it is not a counter: it is the sum of the hours before the current
one plus an index count inside the current hour (:mod:`leadtui.store.metrics`).

The recomputation below is what the migration backfills with and what the property
test compares the kept tables against; ``{filter}`` lets a segment use the same
grouping over the leads its filter selects.
"""

from __future__ import annotations

# "*" marks a lead with imported history (stages an import says it reached): it sorts
# first and is no stage key, so it counts those leads without a scan of the history.
REACHED_SQLITE = (
    "coalesce((SELECT ',' || group_concat(v, ',') || ',' FROM "
    "(SELECT to_stage AS v FROM stagechange s WHERE s.lead_id = {lead} "
    "UNION SELECT '*' FROM stagechange s WHERE s.lead_id = {lead} AND s.imported "
    "ORDER BY 1)), '')"
)
"""The sorted reached set of lead ``{lead}`` as ``,*,new,qualified,`` (SQLite)."""
REACHED_POSTGRES = (
    "coalesce((SELECT ',' || string_agg(DISTINCT v, ',' ORDER BY v) || ',' FROM "
    "(SELECT to_stage AS v FROM stagechange s WHERE s.lead_id = {lead} "
    "UNION ALL SELECT '*' FROM stagechange s WHERE s.lead_id = {lead} AND s.imported) AS x), '')"
)
"""The same on PostgreSQL."""
DERIVED_TABLES = frozenset({"leadreach", "leadsummary", "followupsummary"})
"""Kept by triggers: a restore copies the leads and their history back and skips these
(copying them too would count every lead twice)."""
IMPORTED_MARK = "*"
"""In a reached set: the lead has imported history."""

WATCHED_COLUMNS = (
    "source",
    "created_at",
    "stage",
    "currency",
    "value_cents",
    "deleted_at",
    "next_followup_at",
)
"""The lead columns a summary row depends on: an update of any other fires no trigger work."""

GROUPED_COLUMNS = "l.source, substr(l.created_at, 1, 7), l.stage, l.currency, "
"""The summary key of a lead row ``l`` without its reached set (the same on both dialects)."""

SUMMARY_ROWS = (
    "SELECT source, month, stage, currency, reached, leads, cents FROM leadsummary WHERE leads <> 0"
)
"""The kept lead summary (zero rows are deleted by the triggers; skipped here all the same)."""
FOLLOWUP_ROWS = "SELECT stage, hour, leads FROM followupsummary WHERE leads <> 0"
"""The kept follow-up summary."""


def recompute_reach_sql(reached: str) -> str:
    """Every lead's reached set from its stage history (``reached`` is the dialect's form)."""
    return f"SELECT l.id, {reached.format(lead='l.id')} FROM lead l"


def grouped_summary_sql(condition: str = "l.deleted_at IS NULL") -> str:
    """The lead summary recomputed over the leads ``condition`` selects (joins ``leadreach``)."""
    return (
        f"SELECT {GROUPED_COLUMNS}coalesce(r.reached, ''), count(*), "
        "coalesce(sum(l.value_cents), 0) "
        "FROM lead l LEFT JOIN leadreach r ON r.lead_id = l.id "
        f"WHERE {condition} GROUP BY 1, 2, 3, 4, 5"
    )


RECOMPUTE_FOLLOWUPS = (
    "SELECT l.stage, substr(l.next_followup_at, 1, 13), count(*) FROM lead l "
    "WHERE l.deleted_at IS NULL AND l.next_followup_at IS NOT NULL GROUP BY 1, 2"
)
"""The follow-up summary recomputed."""


def backfill_statements(reached: str) -> tuple[str, ...]:
    """Empty and refill the three summary tables from the leads (the migration's backfill)."""
    return (
        "DELETE FROM leadsummary",
        "DELETE FROM followupsummary",
        "DELETE FROM leadreach",
        f"INSERT INTO leadreach (lead_id, reached) {recompute_reach_sql(reached)}",
        "INSERT INTO leadsummary (source, month, stage, currency, reached, leads, cents) "
        + grouped_summary_sql(),
        f"INSERT INTO followupsummary (stage, hour, leads) {RECOMPUTE_FOLLOWUPS}",
    )
