"""SELECT lists and row decoders from :mod:`leadtui.storage.columns`, as psycopg returns rows.

Times are UTC text (as on SQLite) and become aware datetimes; booleans and integers
come back as Python values already.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from leadtui.domain.record_fields import field_names
from leadtui.domain.timefmt import parse_db_time, parse_optional
from leadtui.storage.columns import Kind, Table


def column_fields(cls: type[Any], table: Table) -> tuple[str, ...]:
    """The fields of ``cls`` that are columns of ``table``, in field order."""
    names = set(table.names)
    return tuple(name for name in field_names(cls) if name in names)


def select_list(names: Sequence[str], alias: str = "") -> str:
    """``a.x, a.y`` for a SELECT (names come from the declaration, never from data)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + name for name in names)


def values_decoder(table: Table, names: Sequence[str]) -> Callable[[Sequence[Any]], list[Any]]:
    """Decodes one fetched row of ``names`` (in that order) into Python values."""
    steps = [
        (index, parse_optional if table[name].nullable else parse_db_time)
        for index, name in enumerate(names)
        if table[name].kind is Kind.TIME
    ]

    def decode_values(values: Sequence[Any]) -> list[Any]:
        out = list(values)
        for index, decode in steps:
            out[index] = decode(out[index])
        return out

    return decode_values
