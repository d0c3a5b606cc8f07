"""The list's ORDER BY on PostgreSQL, shaped so that a list index serves it.

SQLite sorts NULLs first ascending (last descending); the list keeps that order on
PostgreSQL with ``NULLS FIRST`` / ``DESC NULLS LAST``. But the list indexes
(``tables.LIST_INDEXES``) are plain ascending, i.e. ``NULLS LAST``, and a backward scan
gives ``DESC NULLS FIRST``: an explicit ``NULLS`` clause on every term made the planner
sort the whole table for every page (EXPLAIN: Seq Scan + Sort, ~1 s at a million leads
for the default sort). Where a term can never be NULL (a NOT NULL column, ``x IS NULL``,
or a column that follows its own ``IS NULL`` term so that all its NULLs already tie) the
NULLs clause changes nothing, so it is left out and the index's own order is used.
"""

from __future__ import annotations

from leadtui.domain.rows import LeadSort, SortKey
from leadtui.storage.columns import LEAD

SORT_TERMS: dict[SortKey, tuple[str, ...]] = {
    SortKey.CREATED: ("l.created_at",),
    SortKey.NAME: ("leadtui_nocase(l.last_name)", "leadtui_nocase(l.first_name)"),
    SortKey.COMPANY: ("leadtui_nocase(l.company)",),
    SortKey.EMAIL: ("leadtui_nocase(l.email)",),
    SortKey.STAGE: ("(SELECT s.position FROM stage s WHERE s.key = l.stage)", "l.created_at"),
    SortKey.SOURCE: ("l.source", "l.created_at"),
    SortKey.FOLLOWUP: ("l.next_followup_at IS NULL", "l.next_followup_at"),
    SortKey.LAST_ACTIVITY: ("l.last_activity_at",),
    SortKey.VALUE: ("l.value_cents",),
    SortKey.SCORE: ("l.score",),
}

_NOT_NULL = frozenset(
    f"l.{column.name}" for column in LEAD.columns if column.primary_key or not column.nullable
)
_FOLDED = "leadtui_nocase("


def _never_null(term: str, previous: str | None) -> bool:
    inner = term[len(_FOLDED) : -1] if term.startswith(_FOLDED) else term
    return inner in _NOT_NULL or term.endswith(" IS NULL") or previous == f"{term} IS NULL"


def order_clause(sort: LeadSort, *, reverse: bool = False) -> str:
    """ORDER BY terms; NULLs sort as SQLite sorts them (first ascending, last descending)."""
    descending = sort.descending != reverse
    terms = (*SORT_TERMS[sort.key], "l.id")
    parts = []
    for index, term in enumerate(terms):
        if _never_null(term, terms[index - 1] if index else None):
            parts.append(term + (" DESC" if descending else ""))
        else:
            parts.append(term + (" DESC NULLS LAST" if descending else " NULLS FIRST"))
    return ", ".join(parts)
