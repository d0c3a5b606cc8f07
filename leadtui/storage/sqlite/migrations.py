"""The SQLite schema steps: ``MIGRATIONS[n]`` upgrades a database at version n to n + 1.

Each step runs inside the migration's one transaction (:func:`.db.migrate`, after a
backup); the bigger ones live in their own ``migrate_*`` modules. PostgreSQL has the same
ladder in :mod:`leadtui.storage.postgres.migrations`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from leadtui.storage.sqlite.migrate_merges import add_merge_tables
from leadtui.storage.sqlite.migrate_score_sort import index_score_sort
from leadtui.storage.sqlite.migrate_scores import pin_scores
from leadtui.storage.sqlite.migrate_search_prefix import widen_search_prefixes

Migration = Callable[[sqlite3.Connection], None]


def _recompute_email_keys(conn: sqlite3.Connection) -> None:
    from leadtui.storage.sqlite.migrate_email_keys import recompute_email_keys

    recompute_email_keys(conn)


def _add_saved_views(conn: sqlite3.Connection) -> None:
    from leadtui.storage.sqlite.migrate_views import add_saved_views

    add_saved_views(conn)


def _imported_history(conn: sqlite3.Connection) -> None:
    """4 → 5: ``stagechange.imported`` (see :mod:`leadtui.storage.imported_history`)."""
    from leadtui.storage.imported_history import COLUMN, add_imported_column
    from leadtui.storage.sqlite.tables import column_sql

    names = {row[1] for row in conn.execute("PRAGMA table_info(stagechange)")}
    add_imported_column(names, conn.execute, column_sql(COLUMN))
    # Totals per currency: the stage index gains the currency (idempotent).
    conn.execute(
        "CREATE INDEX IF NOT EXISTS ix_live_stage_money ON lead(stage, currency, value_cents) "
        "WHERE deleted_at IS NULL"
    )
    conn.execute("DROP INDEX IF EXISTS ix_live_stage_value")


def _add_cadences(conn: sqlite3.Connection) -> None:
    from leadtui.storage.sqlite.migrate_cadence import add_cadences

    add_cadences(conn)


def _activity_edits(conn: sqlite3.Connection) -> None:
    """6 → 7: edited activities (see :mod:`leadtui.storage.activity_edits`)."""
    from leadtui.storage.activity_edits import add_edit_columns
    from leadtui.storage.sqlite.tables import column_sql

    names = {row[1] for row in conn.execute("PRAGMA table_info(activity)")}
    add_edit_columns(names, conn.execute, column_sql)


def _add_team(conn: sqlite3.Connection) -> None:
    from leadtui.storage.sqlite.migrate_team import add_team

    add_team(conn)


def _nulls_first(_conn: sqlite3.Connection) -> None:
    """11 → 12: nothing to do on SQLite (its NULLs sort first already); the step exists
    for PostgreSQL's list indexes (:mod:`leadtui.storage.postgres.migrate_null_order`)."""


def _add_summaries(conn: sqlite3.Connection) -> None:
    from leadtui.storage.sqlite.migrate_summary import add_summaries

    add_summaries(conn)


def _index_hit_keys(conn: sqlite3.Connection) -> None:
    """13 → 14: the narrow index a search's pass over its hits reads (idempotent)."""
    from leadtui.storage.sqlite.schema import HIT_KEYS_INDEX

    conn.execute(HIT_KEYS_INDEX)


# MIGRATIONS[n] upgrades a database at user_version n to n + 1.
MIGRATIONS: dict[int, Migration] = {
    1: _recompute_email_keys,
    2: add_merge_tables,
    3: _add_saved_views,
    4: _imported_history,
    5: _add_cadences,
    6: _activity_edits,
    7: pin_scores,
    8: _add_team,
    9: widen_search_prefixes,
    10: index_score_sort,
    11: _nulls_first,
    12: _add_summaries,
    13: _index_hit_keys,
}
