"""The plain values of the storage boundary (:mod:`leadtui.storage.base`): a person to
forget, backups and their erasure, a restore's result, and what an export reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from leadtui.domain.rows import LeadFilter


@dataclass(frozen=True, slots=True)
class Person:
    """What identifies a lead in copies of the database: its row and its email key."""

    lead_id: int
    created_at: datetime
    email_key: str | None


@dataclass(slots=True)
class BackupErasure:
    """What erasing a person from the backups did: backups that held them, and failures."""

    erased: list[Path] = field(default_factory=list)
    checked: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file."""

    path: Path
    reason: str
    taken_at: datetime
    size: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did: the copy now in use, and where the replaced file went."""

    restored_from: Path
    previous_saved_as: Path | None


class ExportSource(Protocol):
    """The rows an export streams: leads with their tags, and each lead's timeline."""

    def lead_rows(
        self,
        stage: str | None,
        lead_id: int | None,
        lead_filter: LeadFilter | None = None,
        now: datetime | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Live leads (optionally one stage or one lead) with ``tags``, oldest id first.

        Keys are the lead's column names; yes/no columns are bools, times database text.
        """
        ...

    def activities(self, lead_id: int) -> list[dict[str, Any]]:
        """A lead's activities (``id``, ``kind``, ``at``, ``body``), oldest first."""
        ...

    def views(self) -> list[dict[str, Any]]:
        """The saved views (name, filter, sort, descending), by name."""
        ...

    def history(self, lead_id: int) -> list[dict[str, Any]]:
        """A lead's stage changes (``id``, ``from_stage``, ``to_stage``, ``at``, ``reason``)."""
        ...
