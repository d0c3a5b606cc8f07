"""What an import needs from a backend inside its one transaction (:class:`ImportTarget`).

:mod:`leadtui.io.csv_import` and :mod:`leadtui.io.json_import` drive an import through
this protocol only, so the same parsing, deduplication and accounting run on SQLite
(``storage/sqlite/import_target.py``) and PostgreSQL (``storage/postgres/import_target.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from leadtui.storage.import_plan import ImportRow


class ImportWriter(Protocol):
    """Bulk inserts of new leads inside the import's transaction."""

    def insert(self, chunk: list[dict[str, Any]]) -> list[int]:
        """Insert a chunk of clean lead rows; their new ids, in order."""
        ...

    def is_new(self, lead_id: int) -> bool:
        """Whether ``lead_id`` was created by this import (not a lead it found)."""
        ...

    def wait(self) -> None:
        """Let background work on the connection finish (before the caller's own SQL)."""
        ...

    def finish(self) -> None:
        """Complete the load (search index, list indexes); call it once, on success."""
        ...

    def stop(self) -> None:
        """End background work; call it always, also on error (never raises)."""
        ...


class ImportTarget(Protocol):
    """The database side of one import batch, inside one write transaction."""

    def tag_floor(self) -> int:
        """The highest tag id before the import (tags above it were created by it)."""
        ...

    def start(
        self, now: datetime, file_name: str, file_format: str, actor: str | None = None
    ) -> int:
        """Create the batch row (and any scratch tables); the batch id. ``actor`` (who
        imports) is recorded on every stage change and note the batch writes."""
        ...

    def stage_names(self) -> list[tuple[str, str]]:
        """(key, name) of every stage in funnel order."""
        ...

    def writer(self, now: datetime, *, updates: bool) -> ImportWriter:
        """A writer for new leads; ``updates`` when existing leads are updated as well."""
        ...

    def by_email(self, keys: set[str]) -> dict[str, tuple[int, bool]]:
        """``{email_key: (lead id, deleted)}`` for the keys already in the database."""
        ...

    def by_phone(self, phones: set[str]) -> dict[str, tuple[int, str | None]]:
        """``{E.164: (oldest live lead id, its email_key)}`` for phones in the database."""
        ...

    def update_lead(
        self,
        writer: ImportWriter,
        lead_id: int,
        rows: Sequence[ImportRow],
        mode: str,
        now: datetime,
    ) -> None:
        """Apply duplicate rows to an existing lead, keeping what a revert needs."""
        ...

    def record_imported_history(self, batch_id: int) -> int:
        """Record the earlier stages of each new lead as imported history; how many."""
        ...

    def finish(
        self, batch_id: int, counts: dict[str, Any], report: dict[str, Any], floor: int
    ) -> None:
        """Write the counts, the report and the undo data onto the batch row."""
        ...
