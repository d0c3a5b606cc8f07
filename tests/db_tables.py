"""Every leadtui table of a store's database, read the same way on both backends."""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg

from leadtui.storage.columns import TABLES
from leadtui.store import LeadStore


def every_table(store: LeadStore) -> dict[str, list[tuple[Any, ...]]]:
    """``{table: rows ordered by primary key}`` for every declared table."""
    from leadtui.storage.postgres.backend import PostgresBackend

    backend = store.backend
    found: dict[str, list[tuple[Any, ...]]] = {}
    if isinstance(backend, PostgresBackend):
        with psycopg.connect(backend.url) as pg:
            for table in TABLES:
                found[table.name] = [tuple(row) for row in pg.execute(_select(table))]
        return found
    conn = sqlite3.connect(store.path)
    try:
        for table in TABLES:
            found[table.name] = [tuple(row) for row in conn.execute(_select(table))]
    finally:
        conn.close()
    return found


def _select(table: Any) -> str:
    keys = ", ".join(column.name for column in table.columns if column.primary_key)
    return f"SELECT {', '.join(table.names)} FROM {table.name} ORDER BY {keys}"


def count(store: LeadStore, table: str) -> int:
    """How many rows ``table`` holds."""
    return len(every_table(store)[table])
