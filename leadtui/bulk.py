"""The bulk-insert path for imports, demo data and benchmarks.

Driver-level ``executemany`` inside one ``BEGIN IMMEDIATE`` transaction: all
rows land or none do. The per-row search-index trigger is switched off for the
load and the new rows are indexed with one ``INSERT … SELECT`` at the end; into
an empty table the list indexes are also built after the load (both measured
faster in ../shared/PERFORMANCE.md). DDL is transactional in SQLite, so a
crash mid-load leaves the schema as it was.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from leadtui.sqlite_schema import (
    DROP_INSERT_TRIGGER,
    FTS_COLUMNS,
    FTS_DDL,
    INSERT_TRIGGER,
    LIST_INDEXES,
)
from leadtui.timefmt import format_db_time

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

LEAD_COLUMNS = (
    "id", "first_name", "last_name", "email", "email_key", "phone", "phone_e164", "company",
    "job_title", "website", "source", "campaign", "utm_source", "utm_medium", "utm_campaign",
    "consent", "consent_at", "stage", "stage_changed_at", "value_cents", "currency", "score",
    "next_followup_at", "created_at", "updated_at", "last_activity_at", "version",
    "deleted_at", "import_batch_id",
)
DEFAULTS: dict[str, Any] = {
    "first_name": "", "last_name": "", "email": None, "email_key": None, "phone": None,
    "phone_e164": None, "company": "", "job_title": "", "website": "", "source": "manual",
    "campaign": "", "utm_source": "", "utm_medium": "", "utm_campaign": "", "consent": False,
    "consent_at": None, "stage": "new", "stage_changed_at": None, "value_cents": 0,
    "currency": "EUR", "score": None, "next_followup_at": None, "last_activity_at": None,
    "version": 1, "deleted_at": None, "import_batch_id": None,
}
TIME_COLUMNS = {"consent_at", "stage_changed_at", "next_followup_at", "created_at",
                "updated_at", "last_activity_at", "deleted_at"}
UPDATE_TRIGGER = FTS_DDL[3]
DROP_UPDATE_TRIGGER = "DROP TRIGGER IF EXISTS lead_fts_au"
_INDEX_NAME = re.compile(r"IF NOT EXISTS (\w+)")

INSERT_LEAD = (
    f"INSERT INTO lead ({', '.join(LEAD_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(LEAD_COLUMNS))})"
)
INSERT_CHANGE = (
    "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason) VALUES (?, ?, ?, ?, ?)"
)
INSERT_ACTIVITY = "INSERT INTO activity (lead_id, kind, at, body) VALUES (?, ?, ?, ?)"
INSERT_TAG = "INSERT OR IGNORE INTO tag (name) VALUES (?)"
INSERT_LINK = "INSERT OR IGNORE INTO leadtag (lead_id, tag_id) SELECT ?, id FROM tag WHERE name = ?"


def _time(value: datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return format_db_time(value)


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def bulk_insert(engine: Engine, rows: Iterable[dict[str, Any]], now: datetime,
                *, batch_size: int = 5000) -> int:
    """Insert lead rows (plus optional ``history``, ``activities`` and ``tags`` keys).

    ``history`` is a list of ``(from, to, at, reason)``; without it one
    ``(None, stage, created_at, "")`` change is written. ``activities`` is a
    list of ``(kind, at, body)``. Returns the number of leads inserted.
    """
    with engine.begin() as conn:
        writer = LeadWriter(conn.connection.driver_connection, now)  # type: ignore[arg-type]
        for chunk in _chunks(rows, batch_size):
            writer.insert(chunk)
        writer.finish()
    return writer.inserted


class LeadWriter:
    """Bulk inserts on a DB-API SQLite connection that is already inside a transaction.

    Switches the search-index insert trigger off (and, with ``manual_fts``, the
    update trigger too: the caller then keeps the index of pre-existing rows it
    updates itself, see :meth:`unindex`); :meth:`finish` indexes the new rows
    with one ``INSERT … SELECT`` and puts the triggers back.
    """

    def __init__(self, conn: sqlite3.Connection, now: datetime, *,
                 manual_fts: bool = False) -> None:
        self.conn = conn
        self.stamp = format_db_time(now)
        self.manual_fts = manual_fts
        first_id, existing = conn.execute(
            "SELECT coalesce(max(id), 0) + 1, count(*) FROM lead").fetchone()
        self.first_id: int = first_id
        self.next_id: int = first_id
        self.rebuild_indexes = existing == 0
        self.reindex: list[int] = []
        conn.execute(DROP_INSERT_TRIGGER)
        if manual_fts:
            conn.execute(DROP_UPDATE_TRIGGER)
        if self.rebuild_indexes:
            for ddl in LIST_INDEXES:
                match = _INDEX_NAME.search(ddl)
                assert match is not None
                conn.execute(f"DROP INDEX IF EXISTS {match.group(1)}")

    @property
    def inserted(self) -> int:
        """How many leads were inserted so far."""
        return self.next_id - self.first_id

    def insert(self, chunk: list[dict[str, Any]]) -> list[int]:
        """Insert a chunk of rows; returns their new ids in order."""
        start = self.next_id
        self.next_id = _insert_chunk(self.conn, chunk, self.next_id, self.stamp)
        return list(range(start, self.next_id))

    def unindex(self, lead_ids: list[int]) -> None:
        """Take pre-existing leads out of the search index before updating them.

        Only with ``manual_fts``; :meth:`finish` indexes them again. Call it at
        most once per lead and only for ids below :attr:`first_id`.
        """
        columns = ", ".join(FTS_COLUMNS)
        self.conn.executemany(
            f"INSERT INTO lead_fts(lead_fts, rowid, {columns}) "
            f"SELECT 'delete', id, {columns} FROM lead WHERE id = ?",
            [(lead_id,) for lead_id in lead_ids])
        self.reindex.extend(lead_ids)

    def finish(self) -> None:
        """Index the new (and unindexed) rows, restore triggers and list indexes."""
        columns = ", ".join(FTS_COLUMNS)
        self.conn.execute(
            f"INSERT INTO lead_fts(rowid, {columns}) SELECT id, {columns} FROM lead WHERE id >= ?",
            (self.first_id,),
        )
        self.conn.executemany(
            f"INSERT INTO lead_fts(rowid, {columns}) SELECT id, {columns} FROM lead WHERE id = ?",
            [(lead_id,) for lead_id in self.reindex])
        self.conn.execute(INSERT_TRIGGER)
        if self.manual_fts:
            self.conn.execute(UPDATE_TRIGGER)
        if self.rebuild_indexes:
            for ddl in LIST_INDEXES:
                self.conn.execute(ddl)


def _insert_chunk(conn: sqlite3.Connection, chunk: list[dict[str, Any]], next_id: int,
                  stamp: str) -> int:
    leads: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, str]] = []
    tags: set[str] = set()
    for row in chunk:
        lead_id = next_id
        next_id += 1
        given = {k: v for k, v in row.items() if k in DEFAULTS or k == "created_at"}
        values = {**DEFAULTS, **given}
        values["id"] = lead_id
        values["created_at"] = _time(values.get("created_at")) or stamp
        values["updated_at"] = _time(values.get("updated_at")) or values["created_at"]
        for column in TIME_COLUMNS:
            values[column] = _time(values.get(column))
        history = row.get("history") or [(None, values["stage"], values["created_at"], "")]
        values["stage_changed_at"] = values["stage_changed_at"] or _time(history[-1][2])
        leads.append(tuple(values[column] for column in LEAD_COLUMNS))
        changes.extend((lead_id, src, dst, _time(at), reason) for src, dst, at, reason in history)
        activities.extend((lead_id, kind, _time(at), body)
                          for kind, at, body in row.get("activities") or ())
        for tag in row.get("tags") or ():
            tags.add(tag)
            links.append((lead_id, tag))
    conn.executemany(INSERT_LEAD, leads)
    conn.executemany(INSERT_CHANGE, changes)
    if activities:
        conn.executemany(INSERT_ACTIVITY, activities)
    if tags:
        conn.executemany(INSERT_TAG, [(tag,) for tag in sorted(tags)])
        conn.executemany(INSERT_LINK, links)
    return next_id
