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
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from leadtui.sqlite_schema import DROP_INSERT_TRIGGER, FTS_COLUMNS, INSERT_TRIGGER, LIST_INDEXES
from leadtui.timefmt import format_db_time

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

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
    stamp = format_db_time(now)
    with engine.begin() as conn:
        first_id, existing = conn.exec_driver_sql(
            "SELECT coalesce(max(id), 0) + 1, count(*) FROM lead").one()
        rebuild_indexes = existing == 0
        _prepare(conn, rebuild_indexes)
        next_id = first_id
        for chunk in _chunks(rows, batch_size):
            next_id = _insert_chunk(conn, chunk, next_id, stamp)
        _finish(conn, first_id, rebuild_indexes)
    return int(next_id - first_id)


def _prepare(conn: Connection, drop_indexes: bool) -> None:
    conn.exec_driver_sql(DROP_INSERT_TRIGGER)
    if drop_indexes:
        for ddl in LIST_INDEXES:
            match = _INDEX_NAME.search(ddl)
            assert match is not None
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {match.group(1)}")


def _finish(conn: Connection, first_id: int, build_indexes: bool) -> None:
    columns = ", ".join(FTS_COLUMNS)
    conn.exec_driver_sql(
        f"INSERT INTO lead_fts(rowid, {columns}) SELECT id, {columns} FROM lead WHERE id >= ?",
        (first_id,),
    )
    conn.exec_driver_sql(INSERT_TRIGGER)
    if build_indexes:
        for ddl in LIST_INDEXES:
            conn.exec_driver_sql(ddl)


def _insert_chunk(conn: Connection, chunk: list[dict[str, Any]], next_id: int,
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
    conn.exec_driver_sql(INSERT_LEAD, leads)
    conn.exec_driver_sql(INSERT_CHANGE, changes)
    if activities:
        conn.exec_driver_sql(INSERT_ACTIVITY, activities)
    if tags:
        conn.exec_driver_sql(INSERT_TAG, [(tag,) for tag in sorted(tags)])
        conn.exec_driver_sql(INSERT_LINK, links)
    return next_id
