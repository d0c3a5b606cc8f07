"""Schema step 9 → 10 on SQLite: the search index keeps 3-letter prefixes too.

A 3-letter prefix query (``mar*``) without its own prefix index merges the doclists of
every word starting with it: ~25 ms for the capped 10,001 hits at a million leads, the
larger part of a search. With ``prefix='1 2 3'`` it reads one doclist (~3 ms), for about
2.5 % more index (+32 MB at a million leads). FTS5 cannot change a table's prefixes,
so the index is made again and rebuilt from the lead table (~17 s at a million leads).
"""

from __future__ import annotations

import sqlite3

from leadtui.storage.sqlite.schema import FTS_DDL, FTS_PREFIXES, REBUILD_FTS


def has_search_prefixes(conn: sqlite3.Connection) -> bool:
    """True when ``lead_fts`` already keeps the prefixes :data:`FTS_DDL` declares."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'lead_fts'").fetchone()
    return row is not None and f"prefix='{FTS_PREFIXES}'" in str(row[0])


def widen_search_prefixes(conn: sqlite3.Connection) -> None:
    """Make ``lead_fts`` again with 3-letter prefixes and re-index every lead (idempotent).

    The triggers name the table, not its options, so they stay as they are.
    """
    if has_search_prefixes(conn):
        return
    conn.execute("DROP TABLE IF EXISTS lead_fts")
    conn.execute(FTS_DDL[0])
    conn.execute(REBUILD_FTS)
