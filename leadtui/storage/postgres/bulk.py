"""Bulk insert on PostgreSQL through ``COPY``, in the caller's one transaction.

The same rows as :mod:`leadtui.storage.sqlite.bulk` takes: lead columns (times as aware
datetimes or UTC text), optional ``history`` ``(from, to, at, reason)``, ``activities``
``(kind, at, body)`` and ``tags``. Ids are drawn from the lead identity sequence first
(so concurrent inserts never collide), then leads, stage changes and activities are
copied; tags go through ``INSERT … ON CONFLICT DO NOTHING``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

import psycopg

from leadtui.domain.timefmt import format_db_time
from leadtui.storage.columns import LEAD, Kind
from leadtui.storage.gc_batch import fewer_collections

LEAD_COLUMNS: tuple[str, ...] = LEAD.names
DEFAULTS: dict[str, Any] = {
    column.name: column.default
    for column in LEAD.columns
    if column.has_default and not column.primary_key
}
TIME_COLUMNS = frozenset(column.name for column in LEAD.columns if column.kind is Kind.TIME)
_DERIVED = frozenset({"id", "created_at", "updated_at", "stage_changed_at"})

COPY_LEAD = f"COPY lead ({', '.join(LEAD_COLUMNS)}) FROM STDIN"
COPY_CHANGE = (
    "COPY stagechange (lead_id, from_stage, to_stage, at, reason, imported, actor) FROM STDIN"
)
COPY_ACTIVITY = "COPY activity (lead_id, kind, at, body, actor) FROM STDIN"
NEW_IDS = "SELECT nextval(pg_get_serial_sequence('lead', 'id')) FROM generate_series(1, %s)"
INSERT_TAG = "INSERT INTO tag (name) VALUES (%s) ON CONFLICT (name) DO NOTHING"
INSERT_LINK = (
    "INSERT INTO leadtag (lead_id, tag_id) SELECT %s, id FROM tag WHERE name = %s "
    "ON CONFLICT DO NOTHING"
)


def _time(value: datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return format_db_time(value)


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def bulk_insert(
    conn: psycopg.Connection[tuple[Any, ...]],
    rows: Iterable[dict[str, Any]],
    now: datetime,
    *,
    batch_size: int = 5000,
) -> int:
    """Insert lead rows (inside the caller's transaction); returns how many."""
    stamp = format_db_time(now)
    inserted = 0
    with fewer_collections():
        for chunk in _chunks(rows, max(1, batch_size)):
            inserted += len(insert_chunk(conn, chunk, stamp))
    return inserted


def insert_chunk(
    conn: psycopg.Connection[tuple[Any, ...]],
    chunk: list[dict[str, Any]],
    stamp: str,
    actor: str | None = None,
) -> list[int]:
    """``COPY`` one chunk of lead rows (with their extras, made by ``actor``); their new
    ids, in order."""
    ids = [int(found) for (found,) in conn.execute(NEW_IDS, (len(chunk),)).fetchall()]
    leads: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, str]] = []
    for lead_id, item in zip(ids, chunk, strict=True):
        get = item.get
        created = _time(get("created_at")) or stamp
        history = get("history") or [(None, get("stage", "new"), created, "")]
        derived = {
            "id": lead_id,
            "created_at": created,
            "updated_at": _time(get("updated_at")) or created,
            "stage_changed_at": _time(get("stage_changed_at")) or _time(history[-1][2]),
        }
        leads.append(
            tuple(
                derived[column]
                if column in derived
                else _time(get(column))
                if column in TIME_COLUMNS
                else get(column, DEFAULTS[column])
                for column in LEAD_COLUMNS
            )
        )
        # A step may carry a fifth item: imported history (a JSON backup restored).
        changes.extend(
            (lead_id, src, dst, _time(at), reason, bool(imported and imported[0]), actor)
            for src, dst, at, reason, *imported in history
        )
        activities.extend(
            (lead_id, kind, _time(at), body, actor) for kind, at, body in get("activities") or ()
        )
        links.extend((lead_id, tag) for tag in get("tags") or ())
    with conn.cursor() as cursor:
        for statement, values in (
            (COPY_LEAD, leads),
            (COPY_CHANGE, changes),
            (COPY_ACTIVITY, activities),
        ):
            if not values:
                continue
            with cursor.copy(statement) as copy:
                for value in values:
                    copy.write_row(value)
        if links:
            cursor.executemany(INSERT_TAG, [(tag,) for tag in sorted({t for _i, t in links})])
            cursor.executemany(INSERT_LINK, links)
    return ids
