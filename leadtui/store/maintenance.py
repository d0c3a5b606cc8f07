"""MaintenanceService: backups, restore and the file check, through the backend."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from leadtui.store.context import StoreContext, unit_of_work

if TYPE_CHECKING:
    from leadtui.storage.base import BackupInfo, RestoreResult


_REASON = re.compile(r"daily|manual|pre-restore|pre-migration-v\d+")
"""The backup kinds :func:`leadtui.storage.sqlite.backup.list_backups` recognises."""


class MaintenanceService:
    """The safety jobs on the store's database."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    @unit_of_work
    def backup(self, reason: str = "manual") -> Path:
        """Back up the database now (old backups of the same kind pruned); the copy's path."""
        from leadtui.domain.validation import ValidationError
        from leadtui.i18n import _

        if not _REASON.fullmatch(reason):
            raise ValidationError(
                "reason", _("Unknown kind of backup: {reason}").format(reason=reason)
            )
        return self.backend.backup(reason)

    def list_backups(self) -> list[BackupInfo]:
        """The backups of this database, newest first."""
        return self.backend.list_backups()

    @unit_of_work
    def restore(self, backup: Path) -> RestoreResult:
        """Replace the database with ``backup`` (closes this store's connections first)."""
        self.context.refuse_if_read_only()
        return self.backend.restore(backup)

    def check(self) -> None:
        """Raise ``DatabaseRefused`` if the database file is not usable."""
        self.backend.check()
