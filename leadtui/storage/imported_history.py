"""Schema step 1 → 2 (both backends): ``stagechange.imported`` marks imported history
(and the stage index gains the currency, see the two migration functions).

Self-contained and idempotent: the column is added only when it is missing, so the
step can run again (or be renumbered) safely.
"""

from __future__ import annotations

from collections.abc import Callable

from leadtui.storage.columns import STAGE_CHANGE

COLUMN = STAGE_CHANGE["imported"]


def add_imported_column(column_names: set[str], execute: Callable[[str], object], sql: str) -> None:
    """Run ``ALTER TABLE stagechange ADD COLUMN <sql>`` unless the column exists."""
    if COLUMN.name not in column_names:
        execute(f"ALTER TABLE stagechange ADD COLUMN {sql}")
