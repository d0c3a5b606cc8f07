"""Finding backup files by name (both backends): ``<stem>-<reason>-<UTC stamp><suffix>``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from leadtui.storage.base import BackupInfo

ANY_REASON = r"[a-z0-9-]+?"


def find_backups(
    folder: Path,
    stem: str,
    suffix: str,
    *,
    reasons: str = ANY_REASON,
    accept: Callable[[Path], bool] = Path.is_file,
) -> list[BackupInfo]:
    """The files in ``folder`` named like a backup of ``stem`` that ``accept`` takes,
    newest first (by the stamp in the name)."""
    pattern = re.compile(
        "^"
        + re.escape(stem)
        + rf"-(?P<reason>{reasons})-(?P<stamp>\d{{8}}T\d{{6}}\d*Z)"
        + re.escape(suffix)
        + "$"
    )
    found: list[BackupInfo] = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    for path in candidates:
        match = pattern.match(path.name)
        if match is None or not path.is_file() or not accept(path):
            continue
        taken = datetime.strptime(match.group("stamp")[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        found.append(BackupInfo(path, match.group("reason"), taken, path.stat().st_size))
    found.sort(key=lambda info: info.path.name.rsplit("-", 1)[-1], reverse=True)
    return found
