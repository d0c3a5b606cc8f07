"""Errors of the import and export paths (declared in :mod:`leadtui.domain.errors`, so the
storage backends can raise them too)."""

from __future__ import annotations

from leadtui.domain.errors import ExportRefused, ImportRefused

__all__ = ["ExportRefused", "ImportRefused"]
