"""Schema migrations on PostgreSQL: each step in one transaction, recorded as a version row.

SQLite's are ``storage/sqlite/db.py MIGRATIONS``; the steps themselves are dialect-neutral
where they can be (:mod:`leadtui.storage.imported_history`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

from leadtui.domain.errors import DatabaseRefused
from leadtui.i18n import _
from leadtui.storage.postgres.tables import LOCK_KEY, SCHEMA_TABLE, column_sql
from leadtui.storage.schema_version import SCHEMA_VERSION

Conn = psycopg.Connection[tuple[Any, ...]]


def _column_names(conn: Conn, table: str) -> set[str]:
    """The columns ``table`` has now (a step adds a column only when it is missing)."""
    return {
        str(name)
        for (name,) in conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            (table,),
        )
    }


def _imported_history(conn: Conn) -> None:
    from leadtui.storage.columns import STAGE_CHANGE
    from leadtui.storage.imported_history import COLUMN, add_imported_column

    names = _column_names(conn, "stagechange")
    add_imported_column(
        names, lambda sql: conn.execute(sql.encode()), column_sql(STAGE_CHANGE, COLUMN)
    )
    # Totals per currency: the stage index gains the currency (idempotent).
    conn.execute(
        "CREATE INDEX IF NOT EXISTS ix_live_stage_money ON lead (stage, currency, value_cents) "
        "WHERE deleted_at IS NULL"
    )
    conn.execute("DROP INDEX IF EXISTS ix_live_stage_value")


def _pin_scores(conn: Conn) -> None:
    from leadtui.storage.columns import LEAD
    from leadtui.storage.score_pinned import COLUMN, add_pinned_column

    names = _column_names(conn, "lead")
    add_pinned_column(names, lambda sql: conn.execute(sql.encode()), column_sql(LEAD, COLUMN))


def _recompute_email_keys(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_email_keys import recompute_email_keys

    recompute_email_keys(conn)


def _add_merge_tables(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_merges import add_merge_tables

    add_merge_tables(conn)


def _add_saved_views(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_views import add_saved_views

    add_saved_views(conn)


def _add_cadences(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_cadence import add_cadences

    add_cadences(conn)


def _activity_edits(conn: Conn) -> None:
    from leadtui.storage.activity_edits import add_edit_columns
    from leadtui.storage.columns import ACTIVITY

    names = {
        str(name)
        for (name,) in conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'activity'"
        )
    }
    add_edit_columns(
        names, lambda sql: conn.execute(sql.encode()), lambda column: column_sql(ACTIVITY, column)
    )


def _add_team(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_team import add_team

    add_team(conn)


def _search_prefixes(conn: Conn) -> None:
    """9 → 10: SQLite's search index gained 3-letter prefixes; nothing changes here.

    The ``lead.search`` GIN index answers a prefix of any length from its sorted entries
    (a range of them), so there is no prefix list to widen; the step only keeps both
    backends at the same schema number.
    """
    del conn


def _index_score_sort(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_score_sort import index_score_sort

    index_score_sort(conn)


def _nulls_first_indexes(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_null_order import nulls_first_indexes

    nulls_first_indexes(conn)


def _add_summaries(conn: Conn) -> None:
    from leadtui.storage.postgres.migrate_summary import add_summaries

    add_summaries(conn)


def _statement_summaries(conn: Conn) -> None:
    """13 → 14: the summary triggers work per statement (an import no longer takes
    minutes); SQLite's step adds its searches' hit-keys index, nothing of the kind here."""
    from leadtui.storage.postgres.summary_triggers import SUMMARY_DDL

    for statement in SUMMARY_DDL:
        conn.execute(statement.encode())


MIGRATIONS: dict[int, Callable[[Conn], None]] = {
    1: _recompute_email_keys,
    2: _add_merge_tables,
    3: _add_saved_views,
    4: _imported_history,
    5: _add_cadences,
    6: _activity_edits,
    7: _pin_scores,
    8: _add_team,
    9: _search_prefixes,
    10: _index_score_sort,
    11: _nulls_first_indexes,
    12: _add_summaries,
    13: _statement_summaries,
}
"""``MIGRATIONS[n]`` upgrades a database at version n to n + 1."""


def migrate(conn: Conn, version: int, now_text: str) -> int:
    """Apply every step from ``version`` up, in one transaction; returns the new version."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        found = conn.execute(f"SELECT max(version) FROM {SCHEMA_TABLE}").fetchone()
        current = int(found[0]) if found and found[0] is not None else version
        for step in range(current, SCHEMA_VERSION):
            if step not in MIGRATIONS:
                raise DatabaseRefused(
                    _("No migration from schema {version}; nothing was changed.").format(
                        version=step
                    )
                )
            MIGRATIONS[step](conn)
            conn.execute(
                f"INSERT INTO {SCHEMA_TABLE} (version, created_at) VALUES (%s, %s)",
                (step + 1, now_text),
            )
    return max(current, SCHEMA_VERSION)
