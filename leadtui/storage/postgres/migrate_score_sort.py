"""Schema step 10 → 11 on PostgreSQL (issue 15): the score sort's index and the decay mark.

The list sorts unscored leads below every score in both directions, as SQLite does
(``score DESC NULLS LAST`` best first, ``score NULLS FIRST`` worst first). The index of
schema 4, ``(score, id)``, keeps NULLs last, so PostgreSQL sorted every lead for each page;
``(score NULLS FIRST, id)`` is read forwards or backwards in either order and still serves
the ``score>40`` ranges. The step also adds the ``scoremark`` table (the daily decay
pass's mark). Idempotent: an index already in that form, a table there, are left alone.
"""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.columns import SCORE_MARK
from leadtui.storage.postgres.tables import SCORE_INDEX, table_ddl


def index_score_sort(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Rebuild ``ix_live_score`` as ``(score NULLS FIRST, id)`` unless it already is; add
    ``scoremark`` unless it is there."""
    table = conn.execute("SELECT to_regclass(%s)", (SCORE_MARK.name,)).fetchone()
    if table is None or table[0] is None:
        for statement in table_ddl((SCORE_MARK,)):
            conn.execute(statement.encode())
    found = conn.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND indexname = 'ix_live_score'"
    ).fetchone()
    if found is not None and "NULLS FIRST" in str(found[0]):
        return
    conn.execute("DROP INDEX IF EXISTS ix_live_score")
    conn.execute(SCORE_INDEX)
