"""Schema step 6 → 7 (both backends): ``lead.score_pinned`` marks a score typed by hand.

Self-contained and idempotent: the column is added only when it is missing. Scores
already in the file were all typed by hand (leadtui computed none before), so they
become pinned: the migration never replaces a user's number with a computed one.
"""

from __future__ import annotations

from collections.abc import Callable

from leadtui.storage.columns import LEAD

COLUMN = LEAD["score_pinned"]


def add_pinned_column(column_names: set[str], execute: Callable[[str], object], sql: str) -> None:
    """Add ``lead.score_pinned`` (pinning the scores already there) unless it exists."""
    if COLUMN.name in column_names:
        return
    execute(f"ALTER TABLE lead ADD COLUMN {sql}")
    execute("UPDATE lead SET score_pinned = true WHERE score IS NOT NULL")
