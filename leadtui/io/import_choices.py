"""Check the encoding and delimiter a user names before any file is read.

An unknown codec name or a delimiter the csv module cannot use would otherwise
surface as a ``LookupError`` or ``TypeError`` traceback.
"""

from __future__ import annotations

import codecs

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused


def check_choices(encoding: str | None, delimiter: str | None) -> None:
    """Raise :class:`ImportRefused` for an unknown encoding or an unusable delimiter."""
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError):
            info = None
        if info is None or not info._is_text_encoding:
            raise ImportRefused(
                _("Unknown text encoding {encoding!r}; try utf-8, cp1252 or latin-1.").format(
                    encoding=encoding
                )
            )
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '\r\n"'):
        raise ImportRefused(
            _(
                "The delimiter must be one character other than a quote or line break "
                "(got {delimiter!r}); use tab for a tab."
            ).format(delimiter=delimiter)
        )
