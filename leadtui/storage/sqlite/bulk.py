"""The bulk-insert path for imports, demo data and benchmarks.

Driver-level ``executemany`` inside one ``BEGIN IMMEDIATE`` transaction: all
rows land or none do. The per-row search-index trigger is switched off for the
load (the summary triggers too, :mod:`.summary_triggers`) and the new rows are
indexed with ``INSERT … SELECT`` (per chunk on a helper thread for imports, else
once at the end); into an empty table the list
indexes are also built after the load (both measured faster in
../shared/PERFORMANCE.md). DDL is transactional in SQLite, so a crash
mid-load leaves the schema as it was.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import datetime
from itertools import islice
from typing import Any

from leadtui.domain.timefmt import format_db_time
from leadtui.storage.gc_batch import fewer_collections
from leadtui.storage.helper_thread import HelperThread
from leadtui.storage.sqlite.bulk_rows import (
    DEFAULTS,
    DERIVED,
    LEAD_COLUMNS,
    TIME_COLUMNS,
    db_time,
    insert_chunk_general,
    insert_extras,
)
from leadtui.storage.sqlite.connect import immediate_transaction
from leadtui.storage.sqlite.schema import (
    DROP_INSERT_TRIGGER,
    FTS_COLUMNS,
    FTS_DDL,
    INSERT_TRIGGER,
    LIST_INDEXES,
)
from leadtui.storage.sqlite.summary_triggers import add_deferred, defer_from

UPDATE_TRIGGER = FTS_DDL[3]
DROP_UPDATE_TRIGGER = "DROP TRIGGER IF EXISTS lead_fts_au"
BULK_CACHE_SIZE = -65536
"""Page cache during a bulk load, in KiB when negative (64 MiB; SQLite's default is 2)."""
SECONDARY_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN ('lead', 'stagechange', 'activity', 'leadtag')"
)

INSERT_FIRST_CHANGES = (
    "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, actor) "
    "SELECT id, NULL, stage, created_at, '', ?3 FROM lead WHERE id >= ?1 AND id < ?2 ORDER BY id"
)
"""Each new lead's first stage change, for rows without a ``history`` (one statement)."""
INDEX_NEW = (
    f"INSERT INTO lead_fts(rowid, {', '.join(FTS_COLUMNS)}) "
    f"SELECT id, {', '.join(FTS_COLUMNS)} FROM lead WHERE id >= ? AND id < ?"
)
"""Put the leads with ids in ``[start, end)`` into the search index."""


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def bulk_insert(
    conn: sqlite3.Connection,
    rows: Iterable[dict[str, Any]],
    now: datetime,
    *,
    batch_size: int = 5000,
) -> int:
    """Insert lead rows (plus optional ``history``, ``activities`` and ``tags`` keys).

    ``history`` is a list of ``(from, to, at, reason)``; without it one
    ``(None, stage, created_at, "")`` change is written. ``activities`` is a
    list of ``(kind, at, body)``. Returns the number of leads inserted.
    """
    with fewer_collections(), immediate_transaction(conn):
        writer = LeadWriter(conn, now)
        try:
            for chunk in _chunks(rows, batch_size):
                writer.insert(chunk)
            writer.finish()
        finally:
            writer.restore_cache()
    return writer.inserted


class LeadWriter:
    """Bulk inserts on a DB-API SQLite connection that is already inside a transaction.

    Switches the search-index insert trigger off (and, with ``manual_fts``, the
    update trigger too: the caller then keeps the index of rows it updates
    itself, see :meth:`unindex`); new rows are indexed chunk by chunk on a
    helper thread with ``index_in_background`` (the caller then calls
    :meth:`wait` before its own statements, and :meth:`stop` at the end), and
    :meth:`finish` indexes the rest and puts the triggers back. Into an empty
    table every secondary index of the lead tables is dropped and rebuilt at
    the end (a sorted build beats a million random inserts); the page cache is
    raised for the load (:meth:`restore_cache` puts it back, also on error).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        now: datetime,
        *,
        manual_fts: bool = False,
        index_in_background: bool = False,
        actor: str | None = None,
    ) -> None:
        self.conn = conn
        self.actor = actor
        """Who the stage changes and activities of the new rows are by (an import's user)."""
        self.stamp = format_db_time(now)
        self.manual_fts = manual_fts
        first_id, existing = conn.execute(
            "SELECT coalesce(max(id), 0) + 1, count(*) FROM lead"
        ).fetchone()
        self.first_id: int = first_id
        self.next_id: int = first_id
        self.indexed_upto: int = first_id
        """Every new lead below this id is in the search index already."""
        self.rebuild_indexes = existing == 0
        self.reindex: list[int] = []
        self._unindexed: set[int] = set()
        # One helper thread indexes each chunk for search while the caller prepares the
        # next one: sqlite3 releases the GIL while a statement runs, so this uses a
        # second core. The caller never touches the connection meanwhile (see wait()).
        self._helper = HelperThread("leadtui-search-index") if index_in_background else None
        self._cache_size: int | None = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size={BULK_CACHE_SIZE}")
        conn.execute(DROP_INSERT_TRIGGER)
        defer_from(conn, first_id)
        if manual_fts:
            conn.execute(DROP_UPDATE_TRIGGER)
        self._index_sql: list[str] = []
        if self.rebuild_indexes:
            indexes = conn.execute(SECONDARY_INDEXES).fetchall()
            self._index_sql = [sql for _name, sql in indexes]
            for name, _sql in indexes:
                conn.execute(f'DROP INDEX "{name}"')

    @property
    def inserted(self) -> int:
        """How many leads were inserted so far."""
        return self.next_id - self.first_id

    def is_new(self, lead_id: int) -> bool:
        """Whether this load created ``lead_id`` (its ids start at ``first_id``)."""
        return lead_id >= self.first_id

    def insert(self, chunk: list[dict[str, Any]]) -> list[int]:
        """Insert a chunk of rows; returns their new ids in order."""
        self.wait()
        start = self.next_id
        self.next_id = _insert_chunk(self.conn, chunk, self.next_id, self.stamp, self.actor)
        if self._helper is not None:
            self._helper.submit(self._index, start, self.next_id)
        return list(range(start, self.next_id))

    def _index(self, start: int, end: int) -> None:
        self.conn.execute(INDEX_NEW, (start, end))
        self.indexed_upto = end

    def wait(self) -> None:
        """Let the background search indexing finish; call it before using the connection.

        Re-raises what the indexing raised (a full disk, say): the load then fails whole.
        """
        if self._helper is not None:
            self._helper.wait()

    def unindex(self, lead_ids: list[int]) -> None:
        """Take leads out of the search index before updating their searchable columns.

        Only with ``manual_fts``; :meth:`finish` indexes them again. Leads not
        indexed yet, or already taken out, are left alone.
        """
        self.wait()
        taken = [
            lead_id
            for lead_id in lead_ids
            if lead_id < self.indexed_upto and lead_id not in self._unindexed
        ]
        columns = ", ".join(FTS_COLUMNS)
        self.conn.executemany(
            f"INSERT INTO lead_fts(lead_fts, rowid, {columns}) "
            f"SELECT 'delete', id, {columns} FROM lead WHERE id = ?",
            [(lead_id,) for lead_id in taken],
        )
        self._unindexed.update(taken)
        self.reindex.extend(taken)

    def finish(self) -> None:
        """Index and count (summaries) the new rows, restore triggers and list indexes."""
        self.wait()
        columns = ", ".join(FTS_COLUMNS)
        self.conn.execute(INDEX_NEW, (self.indexed_upto, self.next_id))
        self.conn.executemany(
            f"INSERT INTO lead_fts(rowid, {columns}) SELECT id, {columns} FROM lead WHERE id = ?",
            [(lead_id,) for lead_id in self.reindex],
        )
        self.conn.execute(INSERT_TRIGGER)
        if self.manual_fts:
            self.conn.execute(UPDATE_TRIGGER)
        if self.rebuild_indexes:
            for ddl in (*self._index_sql, *LIST_INDEXES):
                self.conn.execute(
                    ddl.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
                    if "IF NOT EXISTS" not in ddl
                    else ddl
                )
        add_deferred(self.conn)  # after the rebuild: it reads each new lead's history by index
        self.restore_cache()

    def stop(self) -> None:
        """End background work and restore the page cache; call it always, also on error.

        Never raises: on the error path the caller's own exception is the one to report.
        """
        if self._helper is not None:
            self._helper.stop()
            self._helper = None
        with suppress(sqlite3.Error):
            self.restore_cache()

    def restore_cache(self) -> None:
        """Put the connection's page cache size back to what it was (idempotent)."""
        if self._cache_size is not None:
            self.conn.execute(f"PRAGMA cache_size={self._cache_size}")
            self._cache_size = None


def _insert_chunk(
    conn: sqlite3.Connection,
    chunk: list[dict[str, Any]],
    next_id: int,
    stamp: str,
    actor: str | None = None,
) -> int:
    """Insert ``chunk``: only columns some row gives are bound per row.

    A column no row of the chunk has is the same default for all of them; it is
    written into the statement as a literal (see :func:`_literal`), because
    binding the same constants on every row cost 0.37 s per 100k rows
    (``None`` alone ~1.1 µs per value in the sqlite3 driver).
    """
    present: set[str] = set().union(*chunk)
    if present & {"history", "updated_at", "stage_changed_at"}:
        return insert_chunk_general(conn, chunk, next_id, stamp, actor)
    created_varies = "created_at" in present
    plain = [column for column in LEAD_COLUMNS if column in present and column not in DERIVED]
    times = [index for index, column in enumerate(plain) if column in TIME_COLUMNS]
    defaults = [DEFAULTS[column] for column in plain]
    # Parameters: 1 = id, then the plain columns, then created_at if it varies.
    params: dict[str, str] = {"id": "?1"}
    params.update((column, f"?{index}") for index, column in enumerate(plain, start=2))
    params["created_at"] = f"?{len(plain) + 2}" if created_varies else _literal(stamp)
    params["updated_at"] = params["stage_changed_at"] = params["created_at"]
    for column in LEAD_COLUMNS:
        if column not in params:
            params[column] = _literal(DEFAULTS[column])
    leads: list[tuple[Any, ...]] = []
    for row in chunk:
        values = list(map(row.get, plain, defaults))
        for index in times:
            value = values[index]
            if value is not None and not isinstance(value, str):
                values[index] = format_db_time(value)
        if created_varies:
            values.append(db_time(row.get("created_at")) or stamp)
        leads.append((next_id + len(leads), *values))
    marks = ", ".join(params[column] for column in LEAD_COLUMNS)
    conn.executemany(f"INSERT INTO lead ({', '.join(LEAD_COLUMNS)}) VALUES ({marks})", leads)
    conn.execute(INSERT_FIRST_CHANGES, (next_id, next_id + len(chunk), actor))
    insert_extras(conn, chunk, next_id, actor)
    return next_id + len(chunk)


_SAFE_LITERAL = re.compile(r"[A-Za-z0-9 :.+-]*")


def _literal(value: Any) -> str:
    """SQL text for a constant of this module (a default, our own timestamp).

    Never for data from a file or a user: those are bound. Anything but
    ``None``, a bool, an int or a string of letters, digits, space and
    ``:.+-`` is refused, so a quote can never reach the statement.
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    if isinstance(value, str) and _SAFE_LITERAL.fullmatch(value):
        return f"'{value}'"
    raise ValueError(f"not a constant this module writes: {value!r}")
