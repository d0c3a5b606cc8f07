"""The tables and their indexes as SQLite DDL, derived from :mod:`leadtui.storage.columns`.

The text is exactly what ``SQLModel.metadata.create_all`` issues for
:mod:`leadtui.storage.models` (``tests/test_schema_sql.py`` checks it), so a
database created either way has the same ``sqlite_master``. Creating a database
this way spares a first run or a first ``leadtui import`` the import of
SQLModel and SQLAlchemy, most of a second.
"""

from __future__ import annotations

import re

from leadtui.storage.columns import TABLES, Column, Kind, Table

# SQLAlchemy's SQLite dialect quotes these names (and any not plain lower-case);
# tests/test_columns.py checks the list against SQLAlchemy's own.
_RESERVED = """add after all alter analyze and as asc attach autoincrement before begin between by
    cascade case cast check collate column commit conflict constraint create cross current_date
    current_time current_timestamp database default deferrable deferred delete desc detach
    distinct drop each else end escape except exclusive exists explain fail false for foreign
    from full glob group having if ignore immediate in index indexed initially inner insert
    instead intersect into is isnull join key left like limit match natural not notnull null of
    offset on or order outer plan pragma primary query raise references reindex rename replace
    restrict right rollback row select set table temp temporary then to transaction trigger true
    union unique update using vacuum values view virtual when where"""
RESERVED_WORDS = frozenset(_RESERVED.split())
_PLAIN = re.compile(r"[a-z_][a-z0-9_$]*")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
ON_DELETE = frozenset({"CASCADE", "SET NULL", "RESTRICT"})

SQL_TYPES = {Kind.INT: "INTEGER", Kind.BOOL: "BOOLEAN", Kind.TIME: "VARCHAR(19)"}
"""SQLite types per kind (``TEXT`` is ``VARCHAR(length)``); times are UTC text."""


def quote(name: str) -> str:
    """An identifier as SQLAlchemy's SQLite dialect writes it (only plain names are accepted)."""
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name if _PLAIN.fullmatch(name) and name not in RESERVED_WORDS else f'"{name}"'


def sql_type(column: Column) -> str:
    """The column's SQLite type."""
    if column.kind is Kind.TEXT:
        return "VARCHAR" if column.length is None else f"VARCHAR({column.length})"
    return SQL_TYPES[column.kind]


def column_sql(column: Column) -> str:
    """One column's definition in ``CREATE TABLE`` (and ``ALTER TABLE … ADD COLUMN``)."""
    sql = f"{quote(column.name)} {sql_type(column)}"
    if column.server_default is not None:
        sql += f" DEFAULT {column.server_default}"
    return sql if column.nullable else sql + " NOT NULL"


def _names(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(quote(name) for name in names)


def create_table(table: Table) -> str:
    """``CREATE TABLE`` for one table: columns, then primary key, unique and foreign keys."""
    parts = [column_sql(column) for column in table.columns]
    parts.append(f"PRIMARY KEY ({_names([c.name for c in table.columns if c.primary_key])})")
    for column in table.columns:  # in column order, as SQLAlchemy creates them
        if column.unique:
            parts.append(f"UNIQUE ({quote(column.name)})")
        if column.references is not None:
            target, target_column = column.references.split(".")
            key = f"FOREIGN KEY({quote(column.name)}) REFERENCES {quote(target)} "
            key += f"({quote(target_column)})"
            if column.on_delete is not None:
                if column.on_delete not in ON_DELETE:
                    raise ValueError(f"unknown ON DELETE action: {column.on_delete!r}")
                key += f" ON DELETE {column.on_delete}"
            parts.append(key)
    return f"CREATE TABLE {quote(table.name)} (\n\t" + ", \n\t".join(parts) + "\n)"


def table_ddl(tables: tuple[Table, ...] = TABLES) -> tuple[str, ...]:
    """Each table's ``CREATE TABLE`` followed by its ``CREATE INDEX`` statements."""
    statements: list[str] = []
    for table in tables:
        statements.append(create_table(table))
        statements.extend(
            f"CREATE INDEX {quote(index.name)} ON {quote(table.name)} ({_names(index.columns)})"
            for index in table.indexes
        )
    return tuple(statements)


TABLES_DDL: tuple[str, ...] = table_ddl()
