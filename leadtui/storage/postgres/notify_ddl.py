"""The change signal's DDL on PostgreSQL: statement triggers that ``pg_notify`` (no imports).

Apart from :mod:`leadtui.storage.postgres.team` so the schema and the migrations can use
it without importing the listener (and its connection code).
"""

from __future__ import annotations

CHANNEL = "leadtui_changes"
NOTIFIED_TABLES = ("lead", "activity", "stagechange", "leadtag")

NOTIFY_DDL: tuple[str, ...] = (
    "CREATE OR REPLACE FUNCTION leadtui_notify() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$",
    *(
        f"CREATE OR REPLACE TRIGGER leadtui_notify_{table} AFTER INSERT OR UPDATE OR DELETE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION leadtui_notify()"
        for table in NOTIFIED_TABLES
    ),
)
"""Idempotent DDL (``OR REPLACE``) of the change signal: new schemas and schema step 7.

The payload is constant, so PostgreSQL folds every notification of one transaction into
one (a move touches two tables; an import's COPY many rows: one signal either way)."""
