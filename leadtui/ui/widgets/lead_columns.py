"""The lead table's columns and how one lead becomes one line of styled segments."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import msgspec
from rich.cells import cell_len, set_cell_size
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


class Column(msgspec.Struct, frozen=True):
    """One column: its title, sort key, width (0 = shares the rest, at least ``least``).

    ``gives_way`` orders which columns a narrow table drops first (1 first; 0 never).
    """

    title: str
    key: SortKey
    width: int = 0
    right: bool = False
    least: int = 0
    gives_way: int = 0


COLUMNS: tuple[Column, ...] = (
    Column(_("Name"), SortKey.NAME, least=16),
    Column(_("Company"), SortKey.COMPANY, least=10, gives_way=5),
    Column(_("Email"), SortKey.EMAIL, least=12, gives_way=2),
    Column(_("Stage"), SortKey.STAGE, 11, gives_way=6),
    Column(_("Source"), SortKey.SOURCE, 13, gives_way=1),
    Column(_("Follow-up"), SortKey.FOLLOWUP, 11, gives_way=7),
    Column(_("Last touch"), SortKey.LAST_ACTIVITY, 10, gives_way=3),
    Column(_("Value"), SortKey.VALUE, 11, right=True, gives_way=4),
)
SCORE_COLUMN = Column(_("Score"), SortKey.SCORE, max(5, cell_len(_("Score")) + 2), right=True)
"""Shown at the right end while the list is sorted by score (the other sorts' columns stay)."""
MARK_WIDTH = 2
OVERDUE_MARK = "!"
"""Before an overdue follow-up, so overdue is never told by colour alone."""


def columns_for(sort_key: SortKey) -> tuple[Column, ...]:
    """The columns a list sorted by ``sort_key`` shows."""
    return (*COLUMNS, SCORE_COLUMN) if sort_key is SortKey.SCORE else COLUMNS


def _needed(shown: list[Column]) -> int:
    return MARK_WIDTH + sum((c.width or c.least) + 1 for c in shown)


class RowStyles(msgspec.Struct, frozen=True):
    """The styles a row is drawn with (already combined with the marked style)."""

    plain: Style
    dim: Style
    overdue: Style
    today: Style


@lru_cache(maxsize=64)
def column_widths(width: int, columns: tuple[Column, ...] = COLUMNS) -> tuple[int, ...]:
    """Widths of ``columns`` for a table ``width`` cells wide (one space between).

    Columns give way (width 0, not drawn) in :attr:`Column.gives_way` order until the
    rest fit at their least widths, so the name keeps at least 16 cells at 80 columns;
    the room left is shared by the flexible columns shown.
    """
    shown = list(columns)
    for column in sorted((c for c in columns if c.gives_way), key=lambda c: c.gives_way):
        if _needed(shown) <= width:
            break
        shown.remove(column)
    flexible = [column for column in shown if not column.width]
    spare = width - _needed(shown)
    share, extra = divmod(max(spare, 0), len(flexible))
    widths: list[int] = []
    for column in columns:
        if column not in shown:
            widths.append(0)
        elif column.width:
            widths.append(column.width)
        else:
            widths.append(column.least + share + (1 if extra > 0 else 0))
            extra -= 1
    return tuple(widths)


def column_at(x: int, width: int, columns: tuple[Column, ...] = COLUMNS) -> Column | None:
    """The column under cell ``x`` of a table ``width`` cells wide."""
    left = MARK_WIDTH
    for column, cell in zip(columns, column_widths(width, columns), strict=True):
        if not cell:
            continue
        if left <= x < left + cell + 1:
            return column
        left += cell + 1
    return None


def header_segments(width: int, sort_key: SortKey, descending: bool, style: Style) -> list[Segment]:
    """The header line: titles, with ▼/▲ on the sort column."""
    segments = [Segment(" " * MARK_WIDTH, style)]
    columns = columns_for(sort_key)
    for column, cell in zip(columns, column_widths(width, columns), strict=True):
        if not cell:
            continue
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
    columns: tuple[Column, ...] = COLUMNS,
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
    stage = stage_names.get(row.stage, row.stage.capitalize())
    cells: tuple[tuple[str, Style], ...] = (
        (row.display_name, styles.plain),
        (row.company, styles.plain),
        (row.email or "", styles.dim),
        (stage, _stage_style(styles.plain, row.stage)),
        (source_label(row.source), styles.dim),
        (_followup_text(row.next_followup_at, now, state), follow_style),
        (relative_time(row.last_activity_at, now), styles.dim),
        (value, styles.plain),
        ("" if row.score is None else str(row.score), styles.plain),
    )
    segments = [Segment("● " if marked else "  ", styles.plain)]
    shown = zip(cells, columns, column_widths(width, columns), strict=False)
    for (text, style), column, cell in shown:
        if not cell:
            continue
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


def _followup_text(at: datetime | None, now: datetime, state: FollowUpState) -> str:
    label = followup_label(at, now)
    if not label:
        return label
    return (OVERDUE_MARK if state is FollowUpState.OVERDUE else " ") + label


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
