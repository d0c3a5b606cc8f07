"""Who is working: the name recorded on changes and given to new leads as their owner.

In order: the ``LEADTUI_USER`` environment variable, ``user = "…"`` in the settings
file, the database role (PostgreSQL's ``current_user``), the operating-system login
name. Every value is cleaned (:func:`leadtui.domain.team.clean_user`).
"""

from __future__ import annotations

import getpass
import os

from leadtui.domain.team import clean_user
from leadtui.storage.base import Backend

USER_ENV = "LEADTUI_USER"
FALLBACK_USER = "me"
"""The name used when nothing names the user (no login name either)."""


def _login_name() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def configured_user() -> str | None:
    """The user named by ``LEADTUI_USER`` or the settings file, if any."""
    from leadtui.i18n import read_settings

    found = clean_user(os.environ.get(USER_ENV))
    if found is None:
        value = read_settings().get("user")
        found = clean_user(value) if isinstance(value, str) else None
    return found


def current_user(backend: Backend) -> str:
    """The current user's name (see the module docstring for the order)."""
    return (
        configured_user()
        or clean_user(backend.team.database_user())
        or clean_user(_login_name())
        or FALLBACK_USER
    )
