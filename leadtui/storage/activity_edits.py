"""Schema step 6 → 7 (both backends): ``activity.edited_at`` and ``activity.edited_fields``,
so an edited timeline entry says when it was edited and what changed.

Self-contained and idempotent: each column is added only when it is missing, so the
step can run again (or be renumbered) safely. Both columns are nullable: existing
activities were never edited.
"""

from __future__ import annotations

from collections.abc import Callable

from leadtui.storage.columns import ACTIVITY, Column

COLUMNS: tuple[Column, ...] = (ACTIVITY["edited_at"], ACTIVITY["edited_fields"])


def add_edit_columns(
    column_names: set[str], execute: Callable[[str], object], sql: Callable[[Column], str]
) -> None:
    """Run ``ALTER TABLE activity ADD COLUMN <sql>`` for each edit column that is missing."""
    for column in COLUMNS:
        if column.name not in column_names:
            execute(f"ALTER TABLE activity ADD COLUMN {sql(column)}")
