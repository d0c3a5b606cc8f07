"""Errors the core raises; each carries a user-readable (translated) message."""

from __future__ import annotations


class LeadtuiError(Exception):
    """Base class: ``str(error)`` is a sentence a user can read."""


class DatabaseRefused(LeadtuiError):
    """The file at the database path cannot be used; it was left unchanged."""


class NotFoundError(LeadtuiError):
    """The lead (or stage, or tag) does not exist."""


class ConflictError(LeadtuiError):
    """The lead changed elsewhere since it was read; nothing was overwritten."""

    def __init__(self, message: str, lead_id: int, expected_version: int, actual_version: int):
        super().__init__(message)
        self.lead_id = lead_id
        self.expected_version = expected_version
        self.actual_version = actual_version


class DuplicateEmailError(LeadtuiError):
    """Another lead already has this email (by its normalised key)."""

    def __init__(self, message: str, existing_id: int, existing_name: str):
        super().__init__(message)
        self.existing_id = existing_id
        self.existing_name = existing_name


class ReadOnlyError(LeadtuiError):
    """The database was opened read-only (read-only file or folder); nothing was written."""


class StorageError(LeadtuiError):
    """The disk refused a write (full, I/O error, locked too long); the change was rolled back."""


class DatabaseLost(StorageError):
    """The file can no longer be trusted (its -wal vanished, the disk failed a read or a
    write): leadtui stops writing to it; the message says how to restore a backup."""


class ConnectionLost(StorageError):
    """The database server cannot be reached any more (restarted, network down, the
    session ended by an administrator): nothing was saved; trying again later may work."""


class ImportRefused(LeadtuiError):
    """The whole file was refused before anything was written (the message says why)."""


class ExportRefused(LeadtuiError):
    """Nothing was written: the target exists, is the database, or cannot be written."""
