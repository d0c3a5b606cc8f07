"""The :class:`~leadtui.storage.import_target.ImportTarget` of SQLite: the functions of
:mod:`.import_batch` and the :class:`~.bulk.LeadWriter` on one connection that is inside
the import's ``BEGIN IMMEDIATE`` transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from leadtui.storage.import_plan import ImportRow
from leadtui.storage.import_target import ImportWriter
from leadtui.storage.sqlite import import_batch as batch
from leadtui.storage.sqlite.bulk import LeadWriter
from leadtui.storage.sqlite.imported_history import record_imported_history


class SqliteImportTarget:
    """One import batch on a SQLite connection already inside its transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.actor: str | None = None

    def tag_floor(self) -> int:
        """The highest tag id before the import."""
        return batch.tag_floor(self.conn)

    def start(
        self, now: datetime, file_name: str, file_format: str, actor: str | None = None
    ) -> int:
        """Create the batch row and the TEMP scratch tables; ``actor`` signs what follows."""
        self.actor = actor
        return batch.start(self.conn, now, file_name, file_format)

    def stage_names(self) -> list[tuple[str, str]]:
        """(key, name) of every stage in funnel order."""
        return batch.stage_names(self.conn)

    def writer(self, now: datetime, *, updates: bool) -> LeadWriter:
        """A :class:`LeadWriter`; with ``updates`` it keeps the search index by hand and
        indexes in the background, and keeps the phone index a load into an empty table
        would drop (dedupe by phone looks rows of this very load up)."""
        writer = LeadWriter(
            self.conn, now, manual_fts=updates, index_in_background=updates, actor=self.actor
        )
        if updates and writer.rebuild_indexes:
            batch.keep_phone_index(self.conn)
        return writer

    def by_email(self, keys: set[str]) -> dict[str, tuple[int, bool]]:
        """Leads already in the database by email key."""
        return batch.by_email(self.conn, keys)

    def by_phone(self, phones: set[str]) -> dict[str, tuple[int, str | None]]:
        """Live leads already in the database by phone."""
        return batch.by_phone(self.conn, phones)

    def update_lead(
        self,
        writer: ImportWriter,
        lead_id: int,
        rows: Sequence[ImportRow],
        mode: str,
        now: datetime,
    ) -> None:
        """Apply duplicate rows to an existing lead (see :func:`.import_batch.update_lead`)."""
        assert isinstance(writer, LeadWriter)
        batch.update_lead(self.conn, writer, lead_id, rows, mode, now, self.actor)

    def record_imported_history(self, batch_id: int) -> int:
        """The earlier stages of each new lead, as imported history."""
        return record_imported_history(self.conn, batch_id, self.actor)

    def finish(
        self, batch_id: int, counts: dict[str, Any], report: dict[str, Any], floor: int
    ) -> None:
        """Counts, report and undo data onto the batch row."""
        batch.finish(self.conn, batch_id, counts, report, floor)
