"""The daily decay pass's SQL: its mark and the leads it rescores (the same text on both
dialects, one placeholder mark; see :mod:`leadtui.storage.score_facts`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from leadtui.domain.timefmt import format_db_time, parse_db_time
from leadtui.storage.score_facts import Driver


def read_mark(driver: Driver) -> datetime | None:
    """When every score was last current (``None``: never recorded)."""
    cursor = driver.connection.cursor()
    cursor.execute("SELECT decayed_at FROM scoremark WHERE id = 1")
    found = cursor.fetchone()
    return None if found is None else parse_db_time(str(found[0]))


def write_mark(driver: Driver, at: datetime) -> None:
    """Record that every score was current at ``at``."""
    mark, text = driver.mark, format_db_time(at)
    cursor = driver.connection.cursor()
    cursor.execute(f"UPDATE scoremark SET decayed_at = {mark} WHERE id = 1", [text])
    if cursor.rowcount == 0:
        cursor.execute(f"INSERT INTO scoremark (id, decayed_at) VALUES (1, {mark})", [text])


def since_in(
    driver: Driver, ranges: Sequence[tuple[datetime, datetime]], not_touches: Collection[str]
) -> list[int]:
    """Ids of live leads created, or touched, within one of ``ranges`` (inclusive).

    A lead's since time is its last touch, else its creation, so every lead whose since
    time is in a range is found (and some whose later touch moved it out: rescoring
    them changes nothing). One pass over each table, however many ranges.
    """
    if not ranges:
        return []
    mark = driver.mark
    params = [format_db_time(edge) for pair in ranges for edge in pair]

    def within(column: str) -> str:
        return " OR ".join([f"{column} BETWEEN {mark} AND {mark}"] * len(ranges))

    kinds = sorted(not_touches)
    cursor = driver.connection.cursor()
    cursor.execute(
        f"SELECT id FROM lead WHERE deleted_at IS NULL AND ({within('created_at')})", params
    )
    found = {int(lead_id) for (lead_id,) in cursor.fetchall()}
    cursor.execute(
        f"SELECT DISTINCT a.lead_id FROM activity a JOIN lead l ON l.id = a.lead_id "
        f"WHERE l.deleted_at IS NULL AND ({within('a.at')}) "
        f"AND a.kind NOT IN ({', '.join([mark] * len(kinds))})",
        [*params, *kinds],
    )
    found.update(int(lead_id) for (lead_id,) in cursor.fetchall())
    return sorted(found)
