"""LeadStore: the only place that opens database sessions.

Each public method is one unit of work (one user action) and returns plain
loaded objects. The store is built in layers, one file each:
:mod:`~leadtui.store.base` (connections, sessions, errors),
:mod:`~leadtui.store.reads` (list, counts, detail; stdlib ``sqlite3``),
:mod:`~leadtui.store.writes` (lead edits, stage moves) and
:mod:`~leadtui.store.touches` (activities, follow-ups, tags). This file adds
opening a database and the whole-file jobs (bulk insert, import, export, erasure),
which run on stdlib connections of their own. SQLModel is imported on first use
(``warm_up()`` lets the app do that in a worker after the first frame).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadtui.domain.rows import Clock
from leadtui.storage.sqlite.db import immediate_transaction, open_database
from leadtui.store.base import system_clock
from leadtui.store.touches import StoreTouches
from leadtui.store.writes import MoveResult

if TYPE_CHECKING:
    from leadtui.io.csv_import import ImportOptions
    from leadtui.io.export import ExportOptions
    from leadtui.io.forget import BackupErasure, Person
    from leadtui.io.records import Preview
    from leadtui.io.report import ImportReport

__all__ = ["LeadStore", "MoveResult", "system_clock"]


class LeadStore(StoreTouches):
    """Verb-named operations on the lead database."""

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = system_clock,
        create: bool = True,
        read_only: bool | None = None,
    ) -> LeadStore:
        """Check (and create or migrate) the database at ``path`` and return a store on it.

        ``read_only=None`` opens read-only when the file or its folder is not writable.
        """
        from leadtui.storage.sqlite.db import is_read_only

        if read_only is None:
            read_only = path.exists() and is_read_only(path)
        open_database(path, create=create, read_only=read_only)
        return cls(path, clock=clock, read_only=read_only)

    # -- bulk ---------------------------------------------------------------------

    def bulk_insert_leads(self, rows: Iterable[dict[str, Any]], *, batch_size: int = 5000) -> int:
        """Insert already-clean lead rows fast (driver-level executemany), one transaction.

        Keys are Lead column names; timestamps may be aware datetimes. Each row also
        gets its first StageChange. When the table is small compared with the load,
        the search index is rebuilt once at the end instead of row by row.
        """
        from leadtui.storage.sqlite.bulk import bulk_insert

        if self.read_only:
            self._refuse_write()
        with self._raw_connection() as conn:
            return bulk_insert(conn, rows, self.now(), batch_size=batch_size)

    # -- import, export, erasure (logic in leadtui.io) ------------------------------

    def preview_import(self, path: Path, **choices: Any) -> Preview:
        """Sniff a CSV or vCard file: format, encoding, delimiter, mapping, sample rows."""
        from leadtui.io.reader import open_preview

        return open_preview(path, **choices)

    def import_rows(
        self,
        preview: Preview,
        options: ImportOptions,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Import the previewed file in one transaction; a recorded, revertible batch."""
        from leadtui.io.csv_import import import_file

        if self.read_only:  # a dry run writes too (then rolls back): refused the same way
            self._refuse_write()
        with self._raw_connection() as conn:
            return import_file(conn, preview, options, self.now(), progress)

    def revert_import(self, batch_id: int) -> dict[str, int]:
        """Undo an import batch exactly (new leads deleted, updated leads restored)."""
        from leadtui.io.batch import revert

        if self.read_only:
            self._refuse_write()
        with self._raw_connection() as conn, immediate_transaction(conn):
            return revert(conn, batch_id, self.now())

    def export_leads(self, target: Path, options: ExportOptions) -> int:
        """Write leads to ``target`` (csv, vcf or json); returns how many."""
        from leadtui.io.export import export_leads

        return export_leads(self._read(), target, self.path, options)

    def forget_lead(self, lead_id: int) -> int:
        """Erase a person for good (no bytes left behind); returns the tombstone id."""
        from leadtui.io.forget import forget_lead

        if self.read_only:
            self._refuse_write()
        if self._engine is not None:
            self._engine.dispose()  # pooled connections must not pin old WAL frames
        return forget_lead(self.path, lead_id, self.now())

    def forget_in_backups(self, person: Person) -> BackupErasure:
        """Erase a person (already forgotten here) from every backup of this database."""
        from leadtui.io.forget import forget_in_backups
        from leadtui.storage.sqlite.backup import list_backups

        if self.read_only:
            self._refuse_write()
        backups = [info.path for info in list_backups(self.path)]
        return forget_in_backups(backups, person, self.now())
