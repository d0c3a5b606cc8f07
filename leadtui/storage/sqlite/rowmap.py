"""SELECT lists and row decoders derived from :mod:`leadtui.storage.columns` (stdlib only).

A row record (``LeadRow``, ``LeadDetail``) names the columns it wants as its
fields; the SELECT list is those fields in order and each value is decoded by
its column's kind as SQLite stores it (times as UTC text, booleans as 0/1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from leadtui.domain.record_fields import field_names
from leadtui.domain.timefmt import parse_db_time, parse_optional
from leadtui.storage.columns import Column, Kind, Table

RowT = TypeVar("RowT")
Decoder = Callable[[Any], Any]


def decoder(column: Column) -> Decoder | None:
    """How a value of this column comes out of SQLite; ``None`` when it is used as is."""
    if column.kind is Kind.TIME:
        return parse_optional if column.nullable else parse_db_time
    if column.kind is Kind.BOOL:
        return bool
    return None


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
        (index, decode)
        for index, name in enumerate(names)
        if (decode := decoder(table[name])) is not None
    ]

    def decode_values(values: Sequence[Any]) -> list[Any]:
        out = list(values)
        for index, decode in steps:
            out[index] = decode(out[index])
        return out

    return decode_values


def row_reader(cls: type[RowT], table: Table) -> tuple[str, Callable[[Sequence[Any]], RowT]]:
    """``(select list, reader)`` for a record type whose fields are all columns of ``table``.

    The select list is unqualified column names joined with ``, ``; callers
    that alias the table use :func:`select_list` with :func:`column_fields`.
    """
    names = column_fields(cls, table)
    if len(names) != len(field_names(cls)):
        raise TypeError(f"{cls.__name__} has fields that are not columns of {table.name}")
    decode = values_decoder(table, names)
    make: Callable[..., RowT] = cls

    def read(values: Sequence[Any]) -> RowT:
        return make(*decode(values))

    return select_list(names), read
