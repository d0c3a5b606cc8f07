"""PostgreSQL's side of the filter language's SQL (see :mod:`leadtui.storage.filter_sql`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def ts_query(text: str) -> str | None:
    """What a user typed as a tsquery text: every word a prefix (``ana:* & gar:*``).

    Only letters and digits reach it, so tsquery operators typed by the user are plain
    separators; ``None`` when nothing searchable remains. The database folds it with
    ``leadtui_fold()``, the same function that built the index.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " & ".join(f"{token}:*" for token in tokens)


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
        return ts_query(" ".join(words))


POSTGRES = PostgresDialect()
