"""How many backups of each kind leadtui keeps (both backends)."""

from __future__ import annotations

import os

KEEP_ENV = "LEADTUI_BACKUPS"
DEFAULT_KEEP = 7
"""Backups of each kind kept when ``LEADTUI_BACKUPS`` is unset."""


def backups_to_keep() -> int:
    """How many backups of each kind to keep: ``LEADTUI_BACKUPS`` (a whole number from 1),
    else :data:`DEFAULT_KEEP`; any other value is refused, never silently replaced."""
    from leadtui.domain.errors import LeadtuiError
    from leadtui.i18n import _

    text = os.environ.get(KEEP_ENV, "").strip()
    if not text:
        return DEFAULT_KEEP
    if text.isascii() and text.isdigit() and 0 < int(text) < 100_000:
        return int(text)
    raise LeadtuiError(
        _(
            "{name}={value!r} is not a number of backups to keep: use a whole number "
            "from 1 (default {default})."
        ).format(name=KEEP_ENV, value=text, default=DEFAULT_KEEP)
    )
