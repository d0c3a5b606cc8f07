"""Team mode's pure rules: what a user name may be, and what an owner term means.

A user is a plain name (a database role, a ``LEADTUI_USER`` value, a login name): it is
cleaned like every text that comes in (controls and escapes stripped, spaces folded),
and kept to :data:`MAX_USER_NAME` characters.
"""

from __future__ import annotations

from leadtui.domain.controls import strip_controls

MAX_USER_NAME = 80
"""The longest user name kept (a lead's owner, a change's actor)."""
ME = "me"
"""``owner:me``: the current user."""
NOBODY = "none"
"""``owner:none``: leads assigned to nobody."""


def clean_user(text: str | None) -> str | None:
    """``text`` as a user name, or ``None`` when nothing printable is left."""
    if text is None:
        return None
    cleaned = " ".join(strip_controls(str(text)).split())[:MAX_USER_NAME].strip()
    return cleaned or None
