"""The lead table's columns and how one lead becomes one line of styled segments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style

from leadtui.domain.formatting import (
    FollowUpState,
    followup_label,
    followup_state,
    relative_time,
    stage_colour,
)
from leadtui.domain.money import format_money
from leadtui.domain.rows import LeadRow, SortKey
from leadtui.domain.sources import source_label
from leadtui.i18n import _


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its title, sort key, and width (0 = shares the rest)."""

    title: str
    key: SortKey
    width: int = 0
    right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(_("Name"), SortKey.NAME),
    Column(_("Company"), SortKey.COMPANY),
    Column(_("Email"), SortKey.EMAIL),
    Column(_("Stage"), SortKey.STAGE, 11),
    Column(_("Source"), SortKey.SOURCE, 13),
    Column(_("Follow-up"), SortKey.FOLLOWUP, 10),
    Column(_("Active"), SortKey.LAST_ACTIVITY, 6),
    Column(_("Value"), SortKey.VALUE, 11, right=True),
)
MARK_WIDTH = 2


@dataclass(frozen=True, slots=True)
class RowStyles:
    """The styles a row is drawn with (already combined with the marked style)."""

    plain: Style
    dim: Style
    overdue: Style
    today: Style


@lru_cache(maxsize=64)
def column_widths(width: int) -> tuple[int, ...]:
    """Widths of :data:`COLUMNS` for a table ``width`` cells wide (one space between)."""
    fixed = sum(column.width for column in COLUMNS)
    flexible = [column for column in COLUMNS if not column.width]
    spare = max(width - MARK_WIDTH - fixed - len(COLUMNS), 3 * len(flexible))
    share, extra = divmod(spare, len(flexible))
    widths: list[int] = []
    for column in COLUMNS:
        if column.width:
            widths.append(column.width)
        else:
            widths.append(share + (1 if extra > 0 else 0))
            extra -= 1
    return tuple(widths)


def column_at(x: int, width: int) -> Column | None:
    """The column under cell ``x`` of a table ``width`` cells wide."""
    left = MARK_WIDTH
    for column, cell in zip(COLUMNS, column_widths(width), strict=True):
        if left <= x < left + cell + 1:
            return column
        left += cell + 1
    return None


def header_segments(width: int, sort_key: SortKey, descending: bool, style: Style) -> list[Segment]:
    """The header line: titles, with ▼/▲ on the sort column."""
    segments = [Segment(" " * MARK_WIDTH, style)]
    for column, cell in zip(COLUMNS, column_widths(width), strict=True):
        title = column.title
        if column.key is sort_key:
            title += " ▼" if descending else " ▲"
        text = title.rjust(cell) if column.right else title
        segments.append(Segment(set_cell_size(text, cell) + " ", style))
    return segments


def row_segments(
    row: LeadRow,
    width: int,
    now: datetime,
    marked: bool,
    styles: RowStyles,
    stage_names: dict[str, str],
) -> list[Segment]:
    """One lead as pre-padded segments; user text is only ever a segment's plain text.

    A cell and the space after it share one segment (the fewer segments, the cheaper
    every later step of Textual's line pipeline); only the follow-up cell, whose
    "today" style is reversed, keeps a plainly styled gap.
    """
    state = followup_state(row.next_followup_at, now)
    follow_style = {FollowUpState.OVERDUE: styles.overdue, FollowUpState.TODAY: styles.today}.get(
        state, styles.plain
    )
    value = format_money(row.value_cents, row.currency) if row.value_cents else ""
    stage = _(stage_names.get(row.stage, row.stage.capitalize()))
    cells: tuple[tuple[str, Style], ...] = (
        (row.display_name, styles.plain),
        (row.company, styles.plain),
        (row.email or "", styles.dim),
        (stage, _stage_style(styles.plain, row.stage)),
        (source_label(row.source), styles.dim),
        (followup_label(row.next_followup_at, now), follow_style),
        (relative_time(row.last_activity_at, now), styles.dim),
        (value, styles.plain),
    )
    segments = [Segment("● " if marked else "  ", styles.plain)]
    for (text, style), column, cell in zip(cells, COLUMNS, column_widths(width), strict=True):
        text = text.replace("\n", " ")
        if column.right:
            text = text.rjust(cell)
        text = set_cell_size(text, cell)
        if column.key is SortKey.FOLLOWUP:
            _append(segments, text, style)
            _append(segments, " ", styles.plain)
        else:
            _append(segments, text + " ", style)
    return segments


def _append(segments: list[Segment], text: str, style: Style) -> None:
    """Add a segment, merged into the previous one when the style is the same."""
    previous = segments[-1]
    if previous.style is style:
        segments[-1] = Segment(previous.text + text, style)
    else:
        segments.append(Segment(text, style))


@lru_cache(maxsize=256)
def _stage_style(plain: Style, stage_key: str) -> Style:
    return plain + Style(color=stage_colour(stage_key))
