"""Refuse odd database paths in one sentence, before anything opens them.

A FIFO would block the header read forever, a device or socket is no database,
a dangling link or a data folder that is a file would otherwise surface as a raw
``[Errno …]``. Nothing is created or changed here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.file_kinds import file_kind
from leadtui.i18n import _


def check_db_path(path: Path) -> bool:
    """True if ``path`` holds a regular file, False if it is free to create; otherwise
    raise :class:`DatabaseRefused` saying what is in the way."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        _check_missing(path)
        return False
    except OSError as error:
        raise _refused(path, error) from error
    if stat.S_ISDIR(mode):
        raise DatabaseRefused(_("{path} is a directory, not a database file.").format(path=path))
    if not stat.S_ISREG(mode):
        raise DatabaseRefused(
            _("{path} is {kind}, not a database file; nothing was read or changed.").format(
                path=path, kind=file_kind(mode)
            )
        )
    return True


def _check_missing(path: Path) -> None:
    if path.is_symlink():
        raise DatabaseRefused(
            _("{path} is a link to {target}, which does not exist; fix or remove the link.").format(
                path=path, target=os.readlink(path)
            )
        )
    folder = path.parent
    while True:
        try:
            mode = os.stat(folder).st_mode
        except (FileNotFoundError, NotADirectoryError):
            if folder == folder.parent:
                return
            folder = folder.parent
            continue
        except OSError as error:
            raise _refused(folder, error) from error
        if not stat.S_ISDIR(mode):
            raise DatabaseRefused(
                _("{folder} is a file, so the database {path} cannot be made in it.").format(
                    folder=folder, path=path
                )
            )
        return


def _refused(path: Path, error: OSError) -> DatabaseRefused:
    if error.errno in (errno.EACCES, errno.EPERM):
        return DatabaseRefused(_("{path} cannot be reached: permission denied.").format(path=path))
    if error.errno == errno.ELOOP:
        return DatabaseRefused(_("{path} is a loop of links.").format(path=path))
    return DatabaseRefused(
        _("{path} cannot be used: {reason}.").format(path=path, reason=error.strerror)
    )
