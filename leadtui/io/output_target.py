"""Where an export may be written: standard output, a new name, or a regular file.

An export is written to a temporary file and renamed over its target, and a
rename replaces whatever sits at that name. So only a regular file (or a name
nothing holds yet) is ever a target: a device, FIFO, socket or directory is
refused (``export --force /dev/null`` as root would otherwise replace the
device). ``-`` and ``/dev/stdout`` mean standard output, written directly.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from leadtui.domain.file_kinds import file_kind
from leadtui.i18n import _
from leadtui.io.errors import ExportRefused

STDOUT_NAMES = frozenset({"-", "/dev/stdout"})


def is_stdout(target: Path) -> bool:
    """True when ``target`` names standard output (``-`` or ``/dev/stdout``)."""
    return str(target) in STDOUT_NAMES


def check_replaceable(target: Path) -> bool:
    """True if ``target`` exists (a regular file); raise :class:`ExportRefused` if it is
    anything else a rename must never replace (device, FIFO, socket, folder)."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return False  # a new name, or a dangling link (the rename replaces the link)
    except OSError as error:
        raise ExportRefused(
            _("Cannot write {path}: {reason}.").format(path=target, reason=error.strerror)
        ) from error
    if not stat.S_ISREG(mode):
        raise ExportRefused(
            _(
                "{path} is {kind}; an export only writes a regular file "
                "(use - for standard output)."
            ).format(path=target, kind=file_kind(mode))
        )
    return True
