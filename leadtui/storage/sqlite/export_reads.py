"""What an export streams from a SQLite database: leads with tags, activities, history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from leadtui.domain.rows import LeadFilter
from leadtui.storage.columns import LEAD, Kind
from leadtui.storage.export_where import export_where
from leadtui.storage.history_export import HISTORY_COLUMNS, history_entry
from leadtui.storage.sqlite.bulk_rows import LEAD_COLUMNS
from leadtui.storage.views_sql import VIEWS_SQL, view_dicts

_FLAGS = tuple(column.name for column in LEAD.columns if column.kind is Kind.BOOL)
"""Columns SQLite keeps as 0/1; the export gets them as bools."""
_TAGS = (
    "(SELECT json_group_array(name) FROM (SELECT t.name FROM leadtag l "
    "JOIN tag t ON t.id = l.tag_id WHERE l.lead_id = lead.id ORDER BY t.name))"
)


class SqliteExportSource:
    """The :class:`~leadtui.storage.base.ExportSource` of one read connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def lead_rows(
        self,
        stage: str | None,
        lead_id: int | None,
        lead_filter: LeadFilter | None = None,
        now: datetime | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Live leads (one stage, one lead, or what a list filter shows), oldest id first."""
        ids = None
        if lead_filter is not None:
            from leadtui.storage.sqlite.list_queries import matching_ids

            ids = matching_ids(self.conn, lead_filter, now or datetime.now(UTC))
            if ids is None:
                return
        condition, params = export_where(stage, lead_id, ids, "?")
        cursor = self.conn.execute(
            f"SELECT {', '.join(LEAD_COLUMNS)}, {_TAGS} FROM lead WHERE {condition} ORDER BY id",
            params,
        )
        for found in cursor:
            row = dict(zip(LEAD_COLUMNS, found[:-1], strict=True))
            for name in _FLAGS:
                row[name] = bool(row[name])
            row["tags"] = json.loads(found[-1])
            yield row

    def activities(self, lead_id: int) -> list[dict[str, Any]]:
        """A lead's activities, oldest first."""
        return [
            {"id": i, "kind": kind, "at": at, "body": body}
            for i, kind, at, body in self.conn.execute(
                "SELECT id, kind, at, body FROM activity WHERE lead_id = ? ORDER BY at, id",
                (lead_id,),
            )
        ]

    def views(self) -> list[dict[str, Any]]:
        """The saved views, by name."""
        return view_dicts(self.conn.execute(VIEWS_SQL))

    def history(self, lead_id: int) -> list[dict[str, Any]]:
        """A lead's stage changes, oldest first."""
        return [
            history_entry(row)
            for row in self.conn.execute(
                f"SELECT {HISTORY_COLUMNS} FROM stagechange WHERE lead_id = ? ORDER BY at, id",
                (lead_id,),
            )
        ]
