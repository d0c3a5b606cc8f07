"""The saved views as the JSON export writes them (the same SQL on both dialects)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

VIEWS_SQL = "SELECT name, filter_text, sort_key, descending FROM savedview ORDER BY name, id"


def view_dicts(rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Fetched ``VIEWS_SQL`` rows as JSON objects."""
    return [
        {"name": name, "filter": text, "sort": sort_key, "descending": bool(descending)}
        for name, text, sort_key, descending in rows
    ]
