"""Errors of the import and export paths."""

from __future__ import annotations

from leadtui.domain.errors import LeadtuiError


class ImportRefused(LeadtuiError):
    """The whole file was refused before anything was written (the message says why)."""


class ExportRefused(LeadtuiError):
    """Nothing was written: the target exists, is the database, or cannot be written."""
