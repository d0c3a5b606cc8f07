"""Names for the kinds of file a path can hold (from a ``stat`` mode; no I/O here)."""

from __future__ import annotations

import stat

from leadtui.i18n import _


def file_kind(mode: int) -> str:
    """What a file of ``mode`` is, as the phrase "a folder", "a device"... (translated)."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("not a regular file")
