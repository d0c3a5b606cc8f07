"""The agenda's reads on the stdlib ``sqlite3`` module (plans in ``storage.agenda_plan``)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from leadtui.domain.agenda import AgendaRow, AgendaSection
from leadtui.domain.cadence import Cadence
from leadtui.domain.rows import LeadRow
from leadtui.storage import agenda_plan
from leadtui.storage.columns import LEAD
from leadtui.storage.sqlite import reads
from leadtui.storage.sqlite.reads import ROW_COLUMNS
from leadtui.storage.sqlite.rowmap import column_fields

_WIDTH = len(column_fields(LeadRow, LEAD))


def cadences(conn: sqlite3.Connection) -> dict[str, Cadence]:
    """The edited cadences, by stage key (stages without a row use the defaults)."""
    return {
        key: Cadence(int(days), int(cold))
        for key, days, cold in conn.execute(
            "SELECT stage_key, followup_days, cold_days FROM stagecadence"
        )
    }


def _parts(
    conn: sqlite3.Connection, section: AgendaSection, now: datetime
) -> list[agenda_plan.Part]:
    return agenda_plan.parts(section, now, reads.stages(conn), cadences(conn))


def _count(conn: sqlite3.Connection, part: agenda_plan.Part) -> int:
    (found,) = conn.execute(
        f"SELECT count(*) FROM lead l WHERE {part.condition}", part.params
    ).fetchone()
    return int(found)


def _count_upto(conn: sqlite3.Connection, part: agenda_plan.Part, most: int) -> int:
    sql = agenda_plan.CAPPED_COUNT.format(condition=part.condition)
    (found,) = conn.execute(sql, [*part.params, most]).fetchone()
    return int(found)


def count_section(
    conn: sqlite3.Connection, section: AgendaSection, now: datetime, owner: str | None = None
) -> int:
    """How many leads ``section`` holds at ``now`` (past ``COUNT_CAP``: ``COUNT_CAP + 1``)."""
    plan = agenda_plan.count_parts(section, now, reads.stages(conn), cadences(conn))
    plan = agenda_plan.owned(plan, owner)
    return agenda_plan.capped_total(plan, lambda part, most: _count_upto(conn, part, most))


def page_section(
    conn: sqlite3.Connection,
    section: AgendaSection,
    now: datetime,
    offset: int,
    limit: int,
    owner: str | None = None,
) -> list[AgendaRow]:
    """Rows ``offset .. offset+limit`` of ``section``, in the order the agenda shows them."""

    def fetch(part: agenda_plan.Part, size: int, skip: int) -> list[tuple[Any, ...]]:
        return conn.execute(
            f"SELECT {ROW_COLUMNS}, {agenda_plan.EXTRA_COLUMNS} FROM lead l "
            f"WHERE {part.condition} ORDER BY {part.order} LIMIT ? OFFSET ?",
            [*part.params, size, skip],
        ).fetchall()

    found = agenda_plan.page_parts(
        agenda_plan.owned(_parts(conn, section, now), owner),
        offset,
        limit,
        lambda part: _count(conn, part),
        fetch,
    )
    return [
        agenda_plan.agenda_row(reads._row(values[:_WIDTH]), values[_WIDTH:]) for values in found
    ]
