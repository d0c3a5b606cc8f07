"""The SQL lead scoring needs, the same text on SQLite and PostgreSQL (one placeholder mark).

It runs on the driver cursor of the write's own ORM session (so it sees that write's
flushed changes and commits with it): the ORM's statement machinery costs about a
millisecond per query here, which a score update on every write cannot afford (the
budget is 2 ms), nor a recompute of a million leads. Times are the UTC text both
dialects store (:mod:`leadtui.domain.timefmt`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from leadtui.domain.scoring import ScoreFacts, touch_summary

FactsRow = tuple[int, ScoreFacts, int | None, bool]
"""A lead's id, its facts, its stored score, and whether that score is pinned."""

_LEAD = (
    "SELECT id, source, campaign, job_title, company, email, phone_e164, created_at, "
    "score, score_pinned FROM lead WHERE "
)
_TOUCHES = "SELECT lead_id, kind, count(*), max(at) FROM activity WHERE "


def _time(value: str | None) -> datetime | None:
    # An offset in the text makes it aware in one step (``replace(tzinfo=)`` costs 10x more).
    return None if value is None else datetime.fromisoformat(value[:19] + "+00:00")


def placeholder(session: Any) -> str:
    """The driver's positional placeholder for the session's database."""
    return "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"


def _cursor(session: Any) -> Any:
    return session.connection().connection.cursor()


def read_facts(
    session: Any, ids: Sequence[int] | None = None, *, after: int = 0, limit: int = 0
) -> list[FactsRow]:
    """The facts of leads ``ids`` (or of the ``limit`` leads after id ``after``), by id."""
    mark = placeholder(session)
    cursor = _cursor(session)
    if ids is not None:
        marks = ", ".join([mark] * len(ids))
        cursor.execute(f"{_LEAD}id IN ({marks}) ORDER BY id", list(ids))
    else:
        cursor.execute(f"{_LEAD}id > {mark} ORDER BY id LIMIT {mark}", [after, limit])
    leads = cursor.fetchall()
    if not leads:
        return []
    if ids is not None:
        where, params = f"lead_id IN ({marks})", list(ids)
    else:
        where, params = f"lead_id BETWEEN {mark} AND {mark}", [leads[0][0], leads[-1][0]]
    cursor.execute(f"{_TOUCHES}{where} GROUP BY lead_id, kind", params)
    per_lead: dict[int, list[tuple[str, int, datetime | None]]] = {}
    for lead_id, kind, count, latest in cursor.fetchall():
        per_lead.setdefault(lead_id, []).append((kind, count, _time(latest)))
    found: list[FactsRow] = []
    for lead_id, source, campaign, title, company, email, phone, created, score, pinned in leads:
        counts, last = touch_summary(per_lead.get(lead_id, ()))
        facts = ScoreFacts(
            source, campaign, title, company, email, phone, _time(created), counts, last
        )
        found.append((lead_id, facts, score, bool(pinned)))
    return found


def write_scores(session: Any, changed: Sequence[tuple[int, int]]) -> None:
    """Store new scores, one ``executemany``."""
    if changed:
        mark = placeholder(session)
        _cursor(session).executemany(
            f"UPDATE lead SET score = {mark} WHERE id = {mark}",
            [(value, lead_id) for lead_id, value in changed],
        )
