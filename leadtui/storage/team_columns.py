"""Schema step 6 → 7 (both backends): team mode's owner and actor columns.

``lead.owner`` (who a lead is assigned to), ``stagechange.actor`` and ``activity.actor``
(who made the change). Self-contained and idempotent: a column is added only when its
table lacks it, so the step can run again (or be renumbered) safely.
"""

from __future__ import annotations

from collections.abc import Callable

from leadtui.storage.columns import ACTIVITY, LEAD, STAGE_CHANGE, Column, Table

TEAM_COLUMNS: tuple[tuple[Table, Column], ...] = (
    (LEAD, LEAD["owner"]),
    (STAGE_CHANGE, STAGE_CHANGE["actor"]),
    (ACTIVITY, ACTIVITY["actor"]),
)


def add_team_columns(
    names_of: Callable[[str], set[str]],
    execute: Callable[[str], object],
    column_sql: Callable[[Table, Column], str],
) -> None:
    """``ALTER TABLE … ADD COLUMN`` each team column its table does not have yet."""
    for table, column in TEAM_COLUMNS:
        if column.name not in names_of(table.name):
            execute(f"ALTER TABLE {table.name} ADD COLUMN {column_sql(table, column)}")
