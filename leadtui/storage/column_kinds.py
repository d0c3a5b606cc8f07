"""The vocabulary of the table declaration in :mod:`leadtui.storage.columns`: kinds,
columns, indexes, tables. Pure Python: no ORM, no SQL driver."""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Kind(StrEnum):
    """What a column holds."""

    INT = "int"
    TEXT = "text"
    BOOL = "bool"
    TIME = "time"
    """An aware UTC datetime, to the second."""


class _Required:
    """The default of a column every insert must give."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()
Default = str | int | bool | None | _Required


class Column(msgspec.Struct, frozen=True):
    """One column. ``default`` is what an insert that omits it writes (set by the app).

    ``server_default`` is SQL text the database itself fills in (kept for
    columns added to databases that already had rows). ``internal`` columns are
    kept by the app (keys, stamps, bookkeeping): not in the CSV export header.
    """

    name: str
    kind: Kind
    length: int | None = None
    nullable: bool = False
    default: Default = REQUIRED
    primary_key: bool = False
    unique: bool = False
    references: str | None = None
    """``"table.column"`` of a foreign key."""
    on_delete: str | None = None
    server_default: str | None = None
    internal: bool = False

    @property
    def has_default(self) -> bool:
        """True when an insert may leave this column out."""
        return not isinstance(self.default, _Required)


class Index(msgspec.Struct, frozen=True):
    """A plain index over some columns (the partial list indexes are SQLite-only)."""

    name: str
    columns: tuple[str, ...]


class Table(msgspec.Struct, frozen=True):
    """A table: its columns in order and its indexes."""

    name: str
    columns: tuple[Column, ...]
    indexes: tuple[Index, ...] = ()

    def __getitem__(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The column names in order."""
        return tuple(column.name for column in self.columns)
