"""Team-mode SQL both dialects read the same way (bound parameters only)."""

from __future__ import annotations


def owners_sql(mark: str) -> str:
    """The distinct owners of live leads, in order, at most ``mark`` of them.

    A skip scan of ``ix_live_owner`` (one index probe per owner, not a read of every lead),
    written as a recursive query both SQLite and PostgreSQL plan that way.
    """
    return (
        "WITH RECURSIVE o(name, n) AS ("
        "SELECT (SELECT CAST(min(owner) AS TEXT) FROM lead "
        "WHERE deleted_at IS NULL AND owner IS NOT NULL), 1 "
        "UNION ALL SELECT (SELECT CAST(min(owner) AS TEXT) FROM lead WHERE deleted_at IS NULL "
        "AND owner > o.name), n + 1 FROM o WHERE o.name IS NOT NULL AND n < "
        f"{mark}) SELECT name FROM o WHERE name IS NOT NULL"
    )
