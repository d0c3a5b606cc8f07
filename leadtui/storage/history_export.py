"""A stage change as the JSON export writes it (both backends' export reads)."""

from __future__ import annotations

from typing import Any

HISTORY_COLUMNS = "id, from_stage, to_stage, at, reason, imported"
"""The ``SELECT`` list :func:`history_entry` reads, in order."""


def history_entry(row: tuple[Any, ...]) -> dict[str, Any]:
    """One exported stage change; ``imported`` marks history an import recorded."""
    change_id, src, dst, at, reason, imported = row
    return {
        "id": change_id,
        "from_stage": src,
        "to_stage": dst,
        "at": at,
        "reason": reason,
        "imported": bool(imported),
    }
