"""The agenda's queries, written once for both dialects (no connection here).

Each section is a list of :class:`Part` s read one after another, each a walk of one
index range in index order (so a page never sorts the matching leads, and a count
is a range count): the follow-up sections walk ``ix_live_followup`` by date; "no next
step" and "going cold" walk one stage at a time (``ix_live_stage_followup``,
``ix_live_stage_activity``), in funnel order, with that stage's own cold limit.
Placeholders are written ``?``; the PostgreSQL reads turn them into ``%s``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from leadtui.domain.agenda import (
    COUNT_CAP,
    TOUCH_KINDS,
    UPCOMING_DAYS,
    AgendaRow,
    AgendaSection,
    LastTouch,
)
from leadtui.domain.cadence import Cadence, cold_cutoff, resolve
from leadtui.domain.rows import LeadRow, StageInfo
from leadtui.domain.timefmt import day_bounds, format_db_time, parse_db_time

PAGE_CAP = 500
"""The most rows one agenda page read returns."""

CAPPED_COUNT = "SELECT count(*) FROM (SELECT 1 FROM lead l WHERE {condition} LIMIT ?) AS hits"
"""A part's count up to a limit (format with the part's fixed condition)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One index range of a section: a condition, its parameters and its order."""

    condition: str
    params: tuple[Any, ...]
    order: str


_KINDS = ", ".join(f"'{kind}'" for kind in TOUCH_KINDS)  # fixed words, not data
EXTRA_COLUMNS = (
    # What the follow-up is for: the note of the latest follow-up entry.
    "(SELECT a.body FROM activity a WHERE a.lead_id = l.id AND a.kind = 'followup' "
    "ORDER BY a.at DESC, a.id DESC LIMIT 1), "
    # The last touch, as kind, time and the start of its text.
    f"(SELECT a.kind FROM activity a WHERE a.lead_id = l.id AND a.kind IN ({_KINDS}) "
    "ORDER BY a.at DESC, a.id DESC LIMIT 1), "
    f"(SELECT a.at FROM activity a WHERE a.lead_id = l.id AND a.kind IN ({_KINDS}) "
    "ORDER BY a.at DESC, a.id DESC LIMIT 1), "
    f"(SELECT substr(a.body, 1, 200) FROM activity a WHERE a.lead_id = l.id "
    f"AND a.kind IN ({_KINDS}) ORDER BY a.at DESC, a.id DESC LIMIT 1)"
)
"""Columns after the list row's: the follow-up note and the last touch (kind, at, body)."""


def owned(found: list[Part], owner: str | None) -> list[Part]:
    """The ranges ``found`` narrowed to the leads assigned to ``owner`` (``None``: anyone's).

    The walk stays on the section's index; the owner is checked on each row it reaches.
    """
    if owner is None:
        return found
    return [Part(f"{p.condition} AND l.owner = ?", (*p.params, owner), p.order) for p in found]


def _in(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


def count_parts(
    section: AgendaSection,
    now: datetime,
    stages: Sequence[StageInfo],
    stored: Mapping[str, Cadence],
) -> list[Part]:
    """The ranges to count ``section`` with: the follow-up sections one stage at a time
    (``ix_live_stage_followup`` answers them from the index alone, no table rows)."""
    if section not in (AgendaSection.OVERDUE, AgendaSection.TODAY, AgendaSection.UPCOMING):
        return parts(section, now, stages, stored)
    open_keys = [found.stage.key for found in resolve(stages, stored) if found.cadence is not None]
    dates, bounds = _due_between(section, now)
    return [
        Part(f"l.deleted_at IS NULL AND l.stage = ? AND {dates}", (key, *bounds), "l.id")
        for key in open_keys
    ]


def _due_between(section: AgendaSection, now: datetime) -> tuple[str, tuple[str, ...]]:
    """The follow-up date condition of a follow-up section and its bounds (Overdue: no
    lower bound; Today: today; Upcoming: the next days)."""
    start, end = day_bounds(now)
    if section is AgendaSection.OVERDUE:
        return "l.next_followup_at < ?", (format_db_time(start),)
    low, high = (
        (start, end)
        if section is AgendaSection.TODAY
        else (end, end + timedelta(days=UPCOMING_DAYS))
    )
    return "l.next_followup_at >= ? AND l.next_followup_at < ?", (
        format_db_time(low),
        format_db_time(high),
    )


def parts(
    section: AgendaSection,
    now: datetime,
    stages: Sequence[StageInfo],
    stored: Mapping[str, Cadence],
) -> list[Part]:
    """The index ranges of ``section`` at ``now``, in the order the agenda shows them."""
    cadences = [found for found in resolve(stages, stored) if found.cadence is not None]
    open_keys = tuple(found.stage.key for found in cadences)
    if not open_keys:
        return []
    live = "l.deleted_at IS NULL"
    # The IS NULL term is fixed by the condition; naming it in ORDER BY made SQLite sort.
    by_date = "l.next_followup_at, l.id"
    in_open = f"l.stage IN ({_in(open_keys)})"
    match section:
        case AgendaSection.OVERDUE | AgendaSection.TODAY | AgendaSection.UPCOMING:
            dates, bounds = _due_between(section, now)
            return [
                Part(
                    f"{live} AND (l.next_followup_at IS NULL) = FALSE AND {dates} AND {in_open}",
                    (*bounds, *open_keys),
                    by_date,
                )
            ]
        case AgendaSection.NO_NEXT_STEP:
            return [
                Part(f"{live} AND l.stage = ? AND l.next_followup_at IS NULL", (key,), "l.id")
                for key in open_keys
            ]
        case AgendaSection.GOING_COLD:
            found: list[Part] = []
            for stage_cadence in cadences:
                assert stage_cadence.cadence is not None
                key = stage_cadence.stage.key
                cutoff = format_db_time(cold_cutoff(stage_cadence.cadence, now))
                found.append(
                    Part(
                        f"{live} AND l.stage = ? AND l.last_activity_at IS NULL "
                        "AND l.created_at < ?",
                        (key, cutoff),
                        "l.last_activity_at, l.created_at, l.id",
                    )
                )
                found.append(
                    Part(
                        f"{live} AND l.stage = ? AND l.last_activity_at < ?",
                        (key, cutoff),
                        "l.last_activity_at, l.created_at, l.id",
                    )
                )
            return found
    raise ValueError(section)


def capped_total(found: Sequence[Part], count_upto: Callable[[Part, int], int]) -> int:
    """The parts' total, stopping past :data:`COUNT_CAP` (then ``COUNT_CAP + 1``)."""
    total = 0
    for part in found:
        total += count_upto(part, COUNT_CAP + 1 - total)
        if total > COUNT_CAP:
            return COUNT_CAP + 1
    return total


def page_parts(
    found: Sequence[Part],
    offset: int,
    limit: int,
    count: Callable[[Part], int],
    fetch: Callable[[Part, int, int], list[tuple[Any, ...]]],
) -> list[tuple[Any, ...]]:
    """Rows ``offset .. offset+limit`` across the parts; whole parts before it are skipped
    by their count, so a page costs one short walk plus a count per skipped part."""
    limit = min(max(0, limit), PAGE_CAP)
    offset = max(0, offset)
    rows: list[tuple[Any, ...]] = []
    for part in found:
        if len(rows) >= limit:
            break
        if offset and len(found) > 1:
            size = count(part)
            if size <= offset:
                offset -= size
                continue
        rows.extend(fetch(part, limit - len(rows), offset))
        offset = 0
    return rows


def agenda_row(lead: LeadRow, extra: Sequence[Any]) -> AgendaRow:
    """An agenda row from a list row and the :data:`EXTRA_COLUMNS` values."""
    from leadtui.domain.agenda import split_followup_body

    note_body, kind, at, body = extra
    note = split_followup_body(note_body)[1] if note_body else ""
    touch = None
    if kind is not None and at is not None:
        first_line = (body or "").strip().splitlines()[:1]
        touch = LastTouch(kind, parse_db_time(at), first_line[0] if first_line else "")
    return AgendaRow(lead, note, touch)
