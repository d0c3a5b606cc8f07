"""The database side of an import batch on PostgreSQL (SQLite's is
``storage/sqlite/import_batch.py``; what a duplicate changes and the undo data are
:mod:`leadtui.storage.import_plan`, shared): lookups, ``COPY`` of the new leads,
updates with before-images, and the batch row.

Everything runs on one psycopg connection inside the import's one transaction, so a
client killed mid-import leaves nothing: the server rolls the transaction back when
the connection drops. Before-images go to a TEMP table (``ON COMMIT DROP``) during the
run, so memory stays flat however many rows are updated.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg

from leadtui.domain.timefmt import format_db_time
from leadtui.i18n import _
from leadtui.storage.gc_batch import fewer_collections
from leadtui.storage.import_plan import KEPT, ImportRow, counts_of, plan_update, undo_data
from leadtui.storage.import_target import ImportWriter
from leadtui.storage.postgres.bulk import insert_chunk

Conn = psycopg.Connection[tuple[Any, ...]]

_SCRATCH = (
    "CREATE TEMP TABLE IF NOT EXISTS import_before "
    "(lead_id BIGINT PRIMARY KEY, data TEXT NOT NULL) ON COMMIT DROP",
    "CREATE TEMP TABLE IF NOT EXISTS import_added (kind TEXT, id BIGINT) ON COMMIT DROP",
)
_START = (
    "INSERT INTO importbatch (at, file_name, file_format, rows_read, imported, updated, "
    "merged, skipped, rejected, report_json) VALUES (%s, %s, %s, 0, 0, 0, 0, 0, 0, '') "
    "RETURNING id"
)
_IMPORTED_HISTORY = """
INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, imported, actor)
SELECT l.id, NULL, s.key, l.created_at, '', true, %s
FROM lead l
JOIN stage cur ON cur.key = l.stage AND cur.kind <> 'lost'
JOIN stage s ON s.kind = 'open' AND s.position < cur.position
WHERE l.import_batch_id = %s
ORDER BY l.id, s.position
"""
_FIRST_ANALYZE = 5000
"""New leads after which the statistics of a table that started (nearly) empty are renewed."""
_FINISH = (
    "UPDATE importbatch SET rows_read = %s, imported = %s, updated = %s, merged = %s, "
    "skipped = %s, rejected = %s, report_json = %s WHERE id = %s"
)


class CopyWriter:
    """New leads through ``COPY`` (see :func:`.bulk.insert_chunk`); remembers their ids.

    The search vector is kept by the table's trigger and the list indexes stay in place
    (other people may be reading), so there is nothing to finish or wait for.
    """

    def __init__(self, conn: Conn, now: datetime, actor: str | None = None) -> None:
        self.conn = conn
        self.actor = actor
        self.stamp = format_db_time(now)
        self.created: set[int] = set()
        found = conn.execute("SELECT reltuples FROM pg_class WHERE oid = 'lead'::regclass")
        self._analyze_at = max(_FIRST_ANALYZE, 2 * int(max((found.fetchone() or (0,))[0], 0)))

    def insert(self, chunk: list[dict[str, Any]]) -> list[int]:
        """``COPY`` a chunk; the new ids in order."""
        with fewer_collections():
            ids = insert_chunk(self.conn, chunk, self.stamp, self.actor)
        self.created.update(ids)
        if len(self.created) >= self._analyze_at:
            self._analyze()
        return ids

    def is_new(self, lead_id: int) -> bool:
        """Whether this load created ``lead_id``."""
        return lead_id in self.created

    def _analyze(self) -> None:
        """Refresh the lead table's statistics once it has doubled within this load.

        The planner's statistics come from before the load: told the table is (nearly)
        empty, it reads every row for each chunk's duplicate lookups (1 s per chunk at
        100k rows) instead of the email and phone indexes. ``ANALYZE`` counts this
        transaction's own rows; a role that may not analyze the table just goes on.
        """
        self._analyze_at = 2 * self._analyze_at
        try:
            with self.conn.transaction():  # a savepoint: a refusal leaves the load intact
                self.conn.execute("ANALYZE lead")
        except psycopg.errors.InsufficientPrivilege:
            pass

    def wait(self) -> None:
        """Nothing runs in the background."""

    def finish(self) -> None:
        """Nothing to rebuild."""

    def stop(self) -> None:
        """Nothing to stop."""


class PostgresImportTarget:
    """One import batch on a psycopg connection already inside its transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.actor: str | None = None

    def tag_floor(self) -> int:
        """The highest tag id before the import."""
        found = self.conn.execute("SELECT coalesce(max(id), 0) FROM tag").fetchone()
        return int(found[0]) if found else 0

    def start(
        self, now: datetime, file_name: str, file_format: str, actor: str | None = None
    ) -> int:
        """Create the batch row and the scratch tables; the batch id (``actor`` signs
        the stage changes and notes the batch writes)."""
        self.actor = actor
        for ddl in _SCRATCH:
            self.conn.execute(ddl)
        found = self.conn.execute(
            _START, (format_db_time(now), file_name[:500], file_format[:40])
        ).fetchone()
        assert found is not None
        return int(found[0])

    def stage_names(self) -> list[tuple[str, str]]:
        """(key, name) of every stage in funnel order."""
        rows = self.conn.execute("SELECT key, name FROM stage ORDER BY position").fetchall()
        return [(str(key), str(name)) for key, name in rows]

    def writer(self, now: datetime, *, updates: bool) -> CopyWriter:
        """A ``COPY`` writer (the same with or without updates)."""
        return CopyWriter(self.conn, now, self.actor)

    def _by_index(self, sql: str, values: set[str]) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, (sorted(values),)).fetchall()

    def by_email(self, keys: set[str]) -> dict[str, tuple[int, bool]]:
        """Leads already in the database by email key (one query, the unique index)."""
        rows = self._by_index(
            "SELECT email_key, id, deleted_at IS NOT NULL FROM lead WHERE email_key = ANY(%s)",
            keys,
        )
        return {str(key): (int(lead_id), bool(deleted)) for key, lead_id, deleted in rows}

    def by_phone(self, phones: set[str]) -> dict[str, tuple[int, str | None]]:
        """The oldest live lead of each phone already in the database."""
        rows = self._by_index(
            "SELECT DISTINCT ON (phone_e164) phone_e164, id, email_key FROM lead "
            "WHERE phone_e164 = ANY(%s) AND deleted_at IS NULL ORDER BY phone_e164, id",
            phones,
        )
        return {str(phone): (int(lead_id), key) for phone, lead_id, key in rows}

    def update_lead(
        self,
        writer: ImportWriter,
        lead_id: int,
        rows: Sequence[ImportRow],
        mode: str,
        now: datetime,
    ) -> None:
        """Apply duplicate rows to an existing lead, keeping its before-image for revert."""
        assert isinstance(writer, CopyWriter)
        conn = self.conn
        found = conn.execute(f"SELECT {', '.join(KEPT)} FROM lead WHERE id = %s", (lead_id,))
        current = dict(zip(KEPT, found.fetchone() or (), strict=True))
        update = plan_update(current, rows, mode)
        stamp = format_db_time(now)
        pre_existing = lead_id not in writer.created
        if pre_existing and not update.empty:
            tags_before = [
                str(name)
                for (name,) in conn.execute(
                    "SELECT t.name FROM leadtag l JOIN tag t ON t.id = l.tag_id "
                    "WHERE l.lead_id = %s ORDER BY t.name",
                    (lead_id,),
                )
            ]
            conn.execute(
                "INSERT INTO import_before (lead_id, data) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (lead_id, json.dumps({"lead": current, "tags": tags_before})),
            )
        if update.changes:
            self._write_changes(lead_id, current, dict(update.changes), stamp, pre_existing)
        with conn.cursor() as cursor:
            if update.tags:
                cursor.executemany(
                    "INSERT INTO tag (name) VALUES (%s) ON CONFLICT (name) DO NOTHING",
                    [(tag,) for tag in update.tags],
                )
                cursor.executemany(
                    "INSERT INTO leadtag (lead_id, tag_id) SELECT %s, id FROM tag "
                    "WHERE name = %s ON CONFLICT DO NOTHING",
                    [(lead_id, tag) for tag in update.tags],
                )
            for note in update.notes:
                self._added(
                    "activity",
                    "INSERT INTO activity (lead_id, kind, at, body, actor) "
                    "VALUES (%s, 'note', %s, %s, %s) RETURNING id",
                    (lead_id, stamp, note, self.actor),
                    pre_existing,
                )
        if update.notes:
            conn.execute(
                "UPDATE lead SET last_activity_at = GREATEST(coalesce(last_activity_at, ''), %s) "
                "WHERE id = %s",
                (stamp, lead_id),
            )

    def _added(self, kind: str, sql: str, params: tuple[Any, ...], remember: bool) -> None:
        found = self.conn.execute(sql, params).fetchone()
        if remember and found is not None:
            self.conn.execute("INSERT INTO import_added VALUES (%s, %s)", (kind, found[0]))

    def _write_changes(
        self,
        lead_id: int,
        current: dict[str, Any],
        changes: dict[str, Any],
        stamp: str,
        pre_existing: bool,
    ) -> None:
        if "stage" in changes:
            changes["stage_changed_at"] = stamp
            self._added(
                "change",
                "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, reason, actor) "
                "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                (lead_id, current["stage"], changes["stage"], stamp, _("import"), self.actor),
                pre_existing,
            )
        assignments = ", ".join(f"{name} = %s" for name in changes)
        self.conn.execute(
            f"UPDATE lead SET {assignments}, updated_at = %s, version = version + 1 WHERE id = %s",
            (*changes.values(), stamp, lead_id),
        )

    def record_imported_history(self, batch_id: int) -> int:
        """The earlier stages of each new lead, as imported history."""
        return self.conn.execute(_IMPORTED_HISTORY, (self.actor, batch_id)).rowcount

    def finish(
        self, batch_id: int, counts: dict[str, Any], report: dict[str, Any], floor: int
    ) -> None:
        """Counts, report and undo data onto the batch row."""
        conn = self.conn
        before = [
            (int(lead_id), json.loads(data), int(version))
            for lead_id, data, version in conn.execute(
                "SELECT b.lead_id, b.data, l.version FROM import_before b "
                "JOIN lead l ON l.id = b.lead_id ORDER BY b.lead_id"
            )
        ]
        versions = {
            int(lead_id): int(version)
            for lead_id, version in conn.execute(
                "SELECT id, version FROM lead WHERE import_batch_id = %s AND version <> 1",
                (batch_id,),
            )
        }
        added = [
            (str(kind), int(row_id))
            for kind, row_id in conn.execute("SELECT kind, id FROM import_added")
        ]
        report = {**report, "undo": undo_data(before, versions, added, floor)}
        conn.execute(
            _FINISH, (*counts_of(counts), json.dumps(report, ensure_ascii=False), batch_id)
        )
        conn.execute("DELETE FROM import_before")
        conn.execute("DELETE FROM import_added")
