"""Where leadtui keeps its files. Functions only: nothing is created at import time."""

from __future__ import annotations

import os
import sys
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
    """Create ``path`` and its missing parents with mode 0700 and return it.

    Only folders made here are made private: an existing folder keeps its mode
    (``--db /tmp/x.db`` must never turn a shared 1777 ``/tmp`` into 0700).
    """
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, left as it is
        os.chmod(new, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    path.mkdir(exist_ok=True)  # a file in the way still fails, as before
    return path


def cache_dir() -> Path:
    """The per-user cache directory (not created here): what can be rebuilt if lost."""
    if sys.platform == "linux":
        # platformdirs' own rule for Linux, without importing it: at start, where this
        # is asked (leadtui.ui.css_cache), its import cost ~7 ms before the first frame.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        return base / APP_NAME
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


SCORING_ENV = "LEADTUI_SCORING"


def config_dir() -> Path:
    """The per-user config directory (not created here)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def scoring_rules_path() -> Path:
    """The scoring rules file: ``LEADTUI_SCORING`` if set, else ``<config dir>/scoring.toml``."""
    override = os.environ.get(SCORING_ENV)
    if override:
        return Path(override).expanduser()
    return config_dir() / "scoring.toml"
