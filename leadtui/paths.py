"""Where leadtui keeps its files. Functions only: nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "leadtui"
DB_ENV = "LEADTUI_DB"


def data_dir() -> Path:
    """The per-user data directory (not created here)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The database path: ``LEADTUI_DB`` if set, else ``<data dir>/leads.db``."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / "leads.db"


def backup_dir(db_path: Path) -> Path:
    """Backups sit beside the database in a ``backups`` folder."""
    return db_path.parent / "backups"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 and return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
