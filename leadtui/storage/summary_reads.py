"""Reads of the summary tables, and the same grouping over a segment (both dialects).

Both drivers' connections answer ``execute(sql, params).fetchall()``; only the
parameter mark, the reached-set expression and the segment's id query differ, so
one class serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from leadtui.domain.rows import LeadFilter
from leadtui.storage.summary import (
    FOLLOWUP_ROWS,
    RECOMPUTE_FOLLOWUPS,
    SUMMARY_ROWS,
    grouped_summary_sql,
)

if TYPE_CHECKING:
    from leadtui.domain.segment_metrics import SummaryRow

MatchingIds = Callable[[Any, LeadFilter, datetime], "tuple[str, list[Any]] | None"]


def _rows(found: Sequence[Sequence[Any]]) -> list[SummaryRow]:
    # Imported here: the header's counts (live_leads, due_before) need none of it.
    from leadtui.domain.segment_metrics import SummaryRow

    return [
        SummaryRow(str(a), str(b), str(c), str(d), str(e), int(f), int(g))
        for a, b, c, d, e, f, g in found
    ]


class SummaryReads:
    """The kept summaries on one read connection (``mark``: ``?`` or ``%s``)."""

    def __init__(self, conn: Any, mark: str, reached: str, matching_ids: MatchingIds) -> None:
        self.conn = conn
        self.mark = mark
        self.reached = reached
        self.matching_ids = matching_ids

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.conn.execute(sql.replace("?", self.mark), list(params)).fetchall())

    def lead_summary(self) -> list[SummaryRow]:
        """The kept rows (live leads per source, month, stage, currency, reached set)."""
        return _rows(self._all(SUMMARY_ROWS))

    def live_leads(self, stages: Sequence[str] = ()) -> int:
        """Live leads (in ``stages``, or all): the lead summary's sum, in SQL."""
        sql = "SELECT coalesce(sum(leads), 0) FROM leadsummary"
        if stages:
            marks = ", ".join("?" for _ in stages)
            sql += f" WHERE stage IN ({marks})"
        return int(self._all(sql, stages)[0][0])

    def due_before(self, hour: str, stages: Sequence[str] = ()) -> int:
        """Live leads (in ``stages``, or all) with a follow-up before the start of ``hour``
        (``YYYY-MM-DDTHH``, UTC): the follow-up summary's sum, in SQL."""
        sql = "SELECT coalesce(sum(leads), 0) FROM followupsummary WHERE hour < ?"
        if stages:
            marks = ", ".join("?" for _ in stages)
            sql += f" AND stage IN ({marks})"
        return int(self._all(sql, (hour, *stages))[0][0])

    def followups(self) -> list[tuple[str, str, int]]:
        """The kept live leads per stage and follow-up hour."""
        return [(str(s), str(h), int(n)) for s, h, n in self._all(FOLLOWUP_ROWS)]

    def due_between(self, start: str, end: str, stages: Sequence[str] = ()) -> int:
        """Live leads (in ``stages``, or all) due in ``[start, end)``: the part of an hour
        the counters cannot split."""
        sql = (
            "SELECT count(*) FROM lead l WHERE l.deleted_at IS NULL "
            "AND l.next_followup_at >= ? AND l.next_followup_at < ?"
        )
        if stages:
            sql += f" AND l.stage IN ({', '.join('?' for _ in stages)})"
        return int(self._all(sql, (start, end, *stages))[0][0])

    def created_between(self, bounds: Sequence[str]) -> list[int]:
        """Live leads created in each ``[bounds[i], bounds[i+1])`` (the created index)."""
        sql = (
            "SELECT count(*) FROM lead l WHERE l.deleted_at IS NULL "
            "AND l.created_at >= ? AND l.created_at < ?"
        )
        return [int(self._all(sql, pair)[0][0]) for pair in zip(bounds, bounds[1:], strict=False)]

    def id_range(self) -> tuple[int, int]:
        """The lowest and highest lead id (0, 0 when empty)."""
        low, high = self._all("SELECT min(id), max(id) FROM lead")[0]
        return int(low or 0), int(high or 0)

    def segment(
        self, lead_filter: LeadFilter, now: datetime, chunks: int = 20
    ) -> Iterator[tuple[int, list[SummaryRow]]]:
        """The summary grouping over the leads ``lead_filter`` selects, one id range at a time:
        (how many ranges in all, this range's rows).

        Each range is one query, so a caller can report progress and stop between them.
        """
        ids = self.matching_ids(self.conn, lead_filter, now)
        if ids is None:
            return
        ids_sql, params = ids
        plain = "SELECT l.id FROM lead l WHERE "
        # A filter without text is a condition on the lead row itself: test it in the range
        # scan rather than build the whole id list again for every range.
        condition = ids_sql[len(plain) :] if ids_sql.startswith(plain) else f"l.id IN ({ids_sql})"
        if not ids_sql.startswith(plain):
            chunks = 1  # a search: its capped hits are read once, whatever the table size
        elif "IN (SELECT" in condition:
            chunks = min(chunks, 5)  # each range builds the subquery's id list (tags, notes)
        low, high = self.id_range()
        step = max(1, (high - low + chunks) // chunks)
        starts = range(low, high + 1, step)
        for start in starts:
            sql = grouped_summary_sql(
                f"l.deleted_at IS NULL AND l.id >= {start} AND l.id < {start + step} "
                f"AND ({condition})"
            )
            yield len(starts), _rows(self.conn.execute(sql, list(params)).fetchall())

    def recomputed(self) -> tuple[list[SummaryRow], list[tuple[str, str, int]]]:
        """Both summaries recomputed from the leads and their history (what a test checks)."""
        reached = self.reached.format(lead="l.id")
        sql = grouped_summary_sql().replace("coalesce(r.reached, '')", reached)
        follow = [(str(s), str(h), int(n)) for s, h, n in self._all(RECOMPUTE_FOLLOWUPS)]
        return _rows(self._all(sql)), follow
