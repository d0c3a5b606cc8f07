"""SQLite's side of the filter language's SQL (see :mod:`leadtui.storage.filter_sql`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from leadtui.storage.sqlite.schema import fts_query


class SqliteDialect:
    """Placeholders ``?``, ``IN (?, …)``, ``LIKE`` (ASCII case-insensitive), FTS5 words."""

    mark = "?"

    def in_values(self, expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``expr IN (?, …)``."""
        return f"{expr} IN ({', '.join('?' * len(values))})", list(values)

    def one_of(self, expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """One value: ``expr = ?`` (its index). Several: ``+expr IN (…)``, so the planner walks
        the sort index and filters, instead of reading every match of each value and sorting
        them (1.6 s for two stages at a million leads)."""
        if len(values) == 1:
            return f"{expr} = ?", list(values)
        return self.in_values(f"+{expr}", values)

    def like(self, expr: str) -> str:
        """SQLite's LIKE folds ASCII case already."""
        return f"{expr} LIKE ? ESCAPE '\\'"

    def word_hits(self) -> str:
        """The FTS5 hits of one MATCH parameter."""
        return "SELECT rowid AS id FROM lead_fts WHERE lead_fts MATCH ?"

    def word_query(self, words: Sequence[str]) -> str | None:
        """Every word as a quoted prefix, all required."""
        return fts_query(" ".join(words))


SQLITE = SqliteDialect()
