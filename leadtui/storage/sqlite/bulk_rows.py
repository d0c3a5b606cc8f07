"""Lead rows as the bulk insert writes them: column order, defaults, tags and activities.

:mod:`leadtui.storage.sqlite.bulk` runs the load; this module holds what a row
becomes, and the general path for rows with their own stage history.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from leadtui.domain.timefmt import format_db_time
from leadtui.storage.columns import LEAD, Kind

LEAD_COLUMNS: tuple[str, ...] = LEAD.names
"""Every lead column in declaration order (the bulk insert writes them all)."""
DEFAULTS: dict[str, Any] = {
    column.name: column.default
    for column in LEAD.columns
    if column.has_default and not column.primary_key
}
"""What a row that leaves a column out gets (columns without one are derived below)."""
TIME_COLUMNS = frozenset(column.name for column in LEAD.columns if column.kind is Kind.TIME)
DERIVED = frozenset({"id", "created_at", "updated_at", "stage_changed_at"})
"""The lead columns the bulk insert fills in itself."""
INSERT_LEAD = (
    f"INSERT INTO lead ({', '.join(LEAD_COLUMNS)}) VALUES ({', '.join('?' * len(LEAD_COLUMNS))})"
)
INSERT_CHANGE = (
    "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, imported, actor) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
INSERT_ACTIVITY = "INSERT INTO activity (lead_id, kind, at, body, actor) VALUES (?, ?, ?, ?, ?)"
INSERT_TAG = "INSERT OR IGNORE INTO tag (name) VALUES (?)"
INSERT_LINK = "INSERT OR IGNORE INTO leadtag (lead_id, tag_id) SELECT ?, id FROM tag WHERE name = ?"


def db_time(value: datetime | str | None) -> str | None:
    """``value`` as the database stores times (a string stays as it is)."""
    if value is None or isinstance(value, str):
        return value
    return format_db_time(value)


def insert_extras(
    conn: sqlite3.Connection, chunk: list[dict[str, Any]], first: int, actor: str | None = None
) -> None:
    """Activities (by ``actor``) and tags of the rows that have them."""
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, str]] = []
    tags: set[str] = set()
    for lead_id, row in enumerate(chunk, start=first):
        if row.get("activities"):
            activities.extend(
                (lead_id, kind, db_time(at), body, actor) for kind, at, body in row["activities"]
            )
        for tag in row.get("tags") or ():
            tags.add(tag)
            links.append((lead_id, tag))
    if activities:
        conn.executemany(INSERT_ACTIVITY, activities)
    if tags:
        conn.executemany(INSERT_TAG, [(tag,) for tag in sorted(tags)])
        conn.executemany(INSERT_LINK, links)


def insert_chunk_general(
    conn: sqlite3.Connection,
    chunk: list[dict[str, Any]],
    next_id: int,
    stamp: str,
    actor: str | None = None,
) -> int:
    """Rows with their own stage history or update times (demo data, tests); ``actor``
    made the steps and activities."""
    leads: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    first = next_id
    for row in chunk:
        lead_id = next_id
        next_id += 1
        get = row.get
        created = db_time(get("created_at")) or stamp
        history = get("history") or [(None, get("stage", "new"), created, "")]
        derived = {
            "id": lead_id,
            "created_at": created,
            "updated_at": db_time(get("updated_at")) or created,
            "stage_changed_at": db_time(get("stage_changed_at")) or db_time(history[-1][2]),
        }
        leads.append(
            tuple(
                derived[column]
                if column in derived
                else db_time(get(column))
                if column in TIME_COLUMNS
                else get(column, DEFAULTS[column])
                for column in LEAD_COLUMNS
            )
        )
        # A step may carry a fifth item: imported history (a JSON backup restored).
        changes.extend(
            (lead_id, src, dst, db_time(at), reason, bool(imported and imported[0]), actor)
            for src, dst, at, reason, *imported in history
        )
    conn.executemany(INSERT_LEAD, leads)
    conn.executemany(INSERT_CHANGE, changes)
    insert_extras(conn, chunk, first, actor)
    return next_id
