"""The SQL lead scoring needs, the same text on SQLite and PostgreSQL (one placeholder mark).

It runs on the driver connection of the write's own ORM session (so it sees that
write's flushed changes and commits with it), or on a raw one (the file import, which
loads no ORM): the ORM's statement machinery costs about a
millisecond per query here, which a score update on every write cannot afford (the
budget is 2 ms), nor a recompute of a million leads. Times are the UTC text both
dialects store (:mod:`leadtui.domain.timefmt`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Driver:
    """A DB-API connection inside a write, and its positional placeholder."""

    connection: Any
    mark: str

    @classmethod
    def of_session(cls, session: Any) -> Driver:
        """The driver connection under an ORM session (its transaction, its flushed rows)."""
        qmark = session.get_bind().dialect.paramstyle == "qmark"
        return cls(session.connection().connection, "?" if qmark else "%s")


def touched_since(driver: Driver, batch_id: int | None, at: str) -> list[int]:
    """Ids of leads updated at or after ``at`` (UTC text) or in import batch ``batch_id``."""
    mark = driver.mark
    cursor = driver.connection.cursor()
    cursor.execute(
        f"SELECT id FROM lead WHERE updated_at >= {mark} OR import_batch_id = {mark}",
        [at, -1 if batch_id is None else batch_id],
    )
    return [int(lead_id) for (lead_id,) in cursor.fetchall()]


def count_after(driver: Driver, after: int) -> int:
    """How many leads have an id above ``after`` (what a recompute from there reads)."""
    mark = driver.mark
    cursor = driver.connection.cursor()
    cursor.execute(f"SELECT count(*) FROM lead WHERE id > {mark}", [after])
    return int(cursor.fetchone()[0])


def read_facts(
    driver: Driver, ids: Sequence[int] | None = None, *, after: int = 0, limit: int = 0
) -> list[FactsRow]:
    """The facts of leads ``ids`` (or of the ``limit`` leads after id ``after``), by id."""
    mark = driver.mark
    cursor = driver.connection.cursor()
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


def write_scores(driver: Driver, changed: Sequence[tuple[int, int]]) -> None:
    """Store new scores, one ``executemany``."""
    if changed:
        mark = driver.mark
        driver.connection.cursor().executemany(
            f"UPDATE lead SET score = {mark} WHERE id = {mark}",
            [(value, lead_id) for lead_id, value in changed],
        )
