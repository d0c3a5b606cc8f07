"""A dump's tables and columns are leadtui's, and its rows whole (both backends' restores)."""

from __future__ import annotations

from pathlib import Path

from leadtui.domain.errors import DatabaseRefused
from leadtui.i18n import _
from leadtui.storage.columns import TABLES
from leadtui.storage.dump_file import read_rows

DECLARED = {table.name: table.names for table in TABLES}


def check_shape(backup: Path) -> None:
    """Every table and column of the dump is one of ours (and the file is whole)."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for name, columns, row in read_rows(backup):
        shape = (name, tuple(columns))
        if shape in seen and len(row) == len(columns):
            continue
        if name not in DECLARED or not set(columns) <= set(DECLARED[name]):
            raise DatabaseRefused(
                _(
                    "{path} holds a table or column leadtui does not know ({table}); "
                    "nothing was changed."
                ).format(path=backup, table=name)
            )
        if len(row) != len(columns):
            raise DatabaseRefused(
                _(
                    "{path} is damaged (a row of {table} has the wrong size); nothing was changed."
                ).format(path=backup, table=name)
            )
        seen.add(shape)
