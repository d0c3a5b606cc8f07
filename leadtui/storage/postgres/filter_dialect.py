"""PostgreSQL's side of the filter language's SQL (see :mod:`leadtui.storage.filter_sql`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class PostgresDialect:
    """Placeholders ``%s``, ``= ANY(%s)``, ``LIKE`` folded as SQLite's NOCASE, tsvector words."""

    mark = "%s"

    def in_values(self, expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``expr = ANY(%s)`` with the values as one array parameter."""
        return f"{expr} = ANY(%s)", [list(values)]

    def one_of(self, expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``expr = ANY(%s)``: the planner chooses."""
        return self.in_values(expr, values)

    def like(self, expr: str) -> str:
        """ASCII case folding on both sides, as SQLite's LIKE does."""
        return f"leadtui_nocase({expr}) LIKE leadtui_nocase(%s) ESCAPE '\\'"

    def word_hits(self) -> str:
        """The ``lead.search`` GIN index hits of one tsquery parameter."""
        return "SELECT id FROM lead WHERE search @@ to_tsquery('simple', leadtui_fold(%s))"

    def word_query(self, words: Sequence[str]) -> str | None:
        """Every word as a prefix, all required."""
        from leadtui.storage.postgres.reads import ts_query

        return ts_query(" ".join(words))


POSTGRES = PostgresDialect()
