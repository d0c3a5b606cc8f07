"""The cells of a leadtui CSV export: spreadsheet-friendly by default, exact with ``raw``.

Friendly: the value as ``1000.00`` under a ``value`` header (beside ``currency``), tags
as ``vip; feria``, yes/no as ``true``/``false``. Raw: ``value_cents`` in cents and tags
as a JSON list. The leadtui CSV import reads both back exactly.
"""

from __future__ import annotations

import json
from typing import Any

from leadtui.io.layouts_crm import LEADTUI_COLUMNS
from leadtui.storage.columns import LEAD, Kind

_FLAGS = frozenset(column.name for column in LEAD.columns if column.kind is Kind.BOOL)
_TAG_SEPARATOR = "; "
_UNSAFE_IN_A_LIST = (",", ";", "\n", "\r")

FRIENDLY_COLUMNS: tuple[str, ...] = tuple(
    "value" if name == "value_cents" else name for name in LEADTUI_COLUMNS
)
"""The header of the default CSV export."""


def csv_header(*, raw: bool) -> tuple[str, ...]:
    """The export's header row."""
    return LEADTUI_COLUMNS if raw else FRIENDLY_COLUMNS


def csv_cells(row: dict[str, Any], *, raw: bool) -> list[str]:
    """One lead's cells, in :func:`csv_header` order."""
    return [_cell(row[name], name, raw) for name in LEADTUI_COLUMNS]


def _cell(value: Any, name: str, raw: bool) -> str:
    if value is None:
        return ""
    if name in _FLAGS:
        return "true" if value else "false"
    if name == "tags":
        return _tags(value, raw)
    if name == "value_cents" and not raw:
        whole, cents = divmod(int(value), 100)
        return f"{whole}.{cents:02d}"
    return str(value)


def _tags(tags: list[str], raw: bool) -> str:
    if not tags:
        return ""
    if raw or any(
        tag != tag.strip() or tag.startswith(("[", '"')) or any(c in tag for c in _UNSAFE_IN_A_LIST)
        for tag in tags
    ):
        # A tag holding a separator would split in two: the exact JSON form reads back whole.
        return json.dumps(tags, ensure_ascii=False)
    return _TAG_SEPARATOR.join(tags)
