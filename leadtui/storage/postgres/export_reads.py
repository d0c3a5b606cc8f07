"""What an export streams from a PostgreSQL database: leads with tags, activities, history.

The leads come through a server-side cursor inside one read-only transaction, so an
export of a million leads holds a batch in memory, not the whole table, and sees one
consistent snapshot while colleagues keep working.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from leadtui.domain.rows import LeadFilter
from leadtui.storage.columns import LEAD
from leadtui.storage.export_where import export_where
from leadtui.storage.history_export import HISTORY_COLUMNS, history_entry
from leadtui.storage.postgres.reads import Conn
from leadtui.storage.views_sql import VIEWS_SQL, view_dicts

_TAGS = (
    "(SELECT coalesce(json_agg(t.name ORDER BY t.name), '[]'::json) FROM leadtag l "
    "JOIN tag t ON t.id = l.tag_id WHERE l.lead_id = lead.id)"
)
_BATCH = 2000


class PostgresExportSource:
    """The :class:`~leadtui.storage.base.ExportSource` of one read connection."""

    def __init__(self, conn: Conn) -> None:
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
            from leadtui.storage.postgres.reads import matching_ids

            ids = matching_ids(self.conn, lead_filter, now or datetime.now(UTC))
            if ids is None:
                return
        condition, params = export_where(stage, lead_id, ids, "%s")
        names = LEAD.names
        query = f"SELECT {', '.join(names)}, {_TAGS} FROM lead WHERE {condition} ORDER BY id"
        with self.conn.transaction(), self.conn.cursor(name="leadtui_export") as cursor:
            cursor.itersize = _BATCH
            cursor.execute(query, params)
            for found in cursor:
                row = dict(zip(names, found[:-1], strict=True))
                row["tags"] = list(found[-1])
                yield row

    def activities(self, lead_id: int) -> list[dict[str, Any]]:
        """A lead's activities, oldest first."""
        return [
            {"id": i, "kind": kind, "at": at, "body": body}
            for i, kind, at, body in self.conn.execute(
                "SELECT id, kind, at, body FROM activity WHERE lead_id = %s ORDER BY at, id",
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
                f"SELECT {HISTORY_COLUMNS} FROM stagechange WHERE lead_id = %s ORDER BY at, id",
                (lead_id,),
            )
        ]
