"""StageColumn: one board column drawn with the Line API (no widget per card).

The screen hands it a :class:`~leadtui.domain.board_state.ColumnState` (the page cache)
and flags; the column draws a fixed two-line header (name, count, value) and
cards of :data:`CARD_LINES` lines under it. User text becomes plain segments,
never markup. Clicking a card posts :class:`StageColumn.CardClicked`.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from leadtui.domain.board_state import ColumnState, days_in_stage, days_text, followup_badge
from leadtui.domain.formatting import format_count
from leadtui.domain.money import format_money, format_totals
from leadtui.i18n import _

HEADER_LINES = 2
CARD_LINES = 5
"""Name, company, value and days, follow-up badge, and a blank gap."""
SIZE_STEP = 16


def fitted_title(name: str, count: str, width: int) -> str:
    """ "Name (count)" in ``width`` cells: the name is shortened ("Quali… (3)"), never the count."""
    full = f"{name} ({count})"
    if cell_len(full) <= width:
        return full
    room = width - cell_len(f" ({count})") - 1
    return f"{set_cell_size(name, max(room, 1)).rstrip()}… ({count})"


class StageColumn(ScrollView, can_focus=False):
    """The cards of one stage; the screen owns keys and data."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stage-column--header",
        "stage-column--header-active",
        "stage-column--card",
        "stage-column--cursor",
        "stage-column--dim",
        "stage-column--overdue",
        "stage-column--today",
        "stage-column--more",
    }
    DEFAULT_CSS = """
    StageColumn { width: 1fr; height: 1fr; scrollbar-size-vertical: 0; margin-right: 1; }
    StageColumn.-collapsed { width: 8; }
    StageColumn > .stage-column--header { text-style: bold; color: $text-muted; }
    StageColumn > .stage-column--header-active {
        text-style: bold; color: $text; background: $primary 40%;
    }
    StageColumn > .stage-column--card { background: $surface; }
    StageColumn > .stage-column--cursor { background: $accent 45%; }
    StageColumn > .stage-column--dim { color: $text-muted; }
    StageColumn > .stage-column--overdue { color: $error; text-style: bold; }
    StageColumn > .stage-column--today { color: $warning; text-style: bold; }
    StageColumn > .stage-column--more { color: $text-muted; text-style: italic; }
    """

    class CardClicked(Message):
        """A card was clicked: make it current."""

        def __init__(self, stage: str, index: int) -> None:
            super().__init__()
            self.stage = stage
            self.index = index

    def __init__(self, state: ColumnState, now: datetime, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = state
        self.now = now
        self.active = False
        self.collapsed = False
        self._styles: dict[str, Style] = {}

    # -- geometry -----------------------------------------------------------------

    def update_size(self) -> None:
        """Recompute the scrollable height after cards were added or removed.

        The height grows in blocks of :data:`SIZE_STEP` cards: a change of
        ``virtual_size`` costs a layout pass, and a move changes the count by one.
        """
        cards = -(-(len(self.state.cards) + 1) // SIZE_STEP) * SIZE_STEP
        size = Size(self.size.width, cards * CARD_LINES + HEADER_LINES)
        if size != self.virtual_size:
            self.virtual_size = size

    def card_top(self, index: int) -> int:
        """Viewport line of a card's first line (may be off screen)."""
        return HEADER_LINES + index * CARD_LINES - self.scroll_offset.y

    def show_cursor(self) -> None:
        """Scroll so the current card is fully visible."""
        visible = max(CARD_LINES, self.size.height - HEADER_LINES)
        top = self.state.cursor * CARD_LINES
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + CARD_LINES > y + visible:
            self.scroll_to(y=top + CARD_LINES - visible, animate=False, immediate=True)

    def refresh_card(self, index: int) -> None:
        """Repaint one card only (a cursor move repaints two)."""
        self.refresh(Region(0, self.card_top(index), self.size.width, CARD_LINES))

    def refresh_header(self) -> None:
        """Repaint the header lines (counts changed)."""
        self.refresh(Region(0, 0, self.size.width, HEADER_LINES))

    def refresh_from(self, index: int) -> None:
        """Repaint the header and every card from ``index`` down (cards shifted)."""
        self.refresh_header()
        top = max(HEADER_LINES, self.card_top(index))
        if top < self.size.height:
            self.refresh(Region(0, top, self.size.width, self.size.height - top))

    # -- drawing ------------------------------------------------------------------

    def _style(self, component: str) -> Style:
        """A component style, cached until the CSS or theme changes."""
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component)
        return style

    def notify_style_update(self) -> None:
        """Forget cached component styles."""
        self._styles = {}
        super().notify_style_update()

    def _line(self, text: str, style: Style, width: int) -> Strip:
        return Strip([Segment(set_cell_size(" " + text, width), style)], width)

    def _header(self, y: int, width: int) -> Strip:
        state = self.state
        style = self._style(
            "stage-column--header-active" if self.active else "stage-column--header"
        )
        count = "…" if state.total is None else format_count(state.total)
        if self.collapsed:
            text = state.stage.shown_name[:6] if y == 0 else count
            return self._line(text, style, width)
        if y == 0:
            return self._line(fitted_title(state.stage.shown_name, count, width - 1), style, width)
        value = "" if state.values is None else format_totals(state.values)
        return self._line(value, style, width)

    def _card_line(self, index: int, line: int, width: int) -> Strip:
        row = self.state.cards[index]
        current = self.active and index == self.state.cursor
        base = self._style("stage-column--cursor" if current else "stage-column--card")
        if line == CARD_LINES - 1:
            return Strip.blank(width)
        if line == 0:
            return self._line(row.display_name, base + Style(bold=True), width)
        if line == 1:
            return self._line(row.company, self._tint(base, "stage-column--dim"), width)
        if line == 2:
            value = format_money(row.value_cents, row.currency) if row.value_cents else ""
            count = days_in_stage(row, self.now)
            days = days_text(count)
            if cell_len(value) + cell_len(days) + 2 > width:
                days = _("{days}d").format(days=count)
            gap = max(1, width - 2 - cell_len(value) - cell_len(days))
            return self._line(value + " " * gap + days, base, width)
        badge = followup_badge(row.next_followup_at, self.now)
        if not badge:
            return self._line("", base, width)
        label = "● " + (_("overdue") if badge == "overdue" else _("today"))
        return self._line(label, self._tint(base, f"stage-column--{badge}"), width)

    def _tint(self, base: Style, component: str) -> Style:
        """``base`` (with its background) in the colour and weight of ``component``."""
        tint = self._style(component)
        return base + Style(color=tint.color, bold=tint.bold, italic=tint.italic)

    def render_line(self, y: int) -> Strip:
        """Header lines stay put; card lines scroll."""
        width = self.size.width
        if y < HEADER_LINES:
            return self._header(y, width)
        if self.collapsed:
            return Strip.blank(width)
        content_y = y - HEADER_LINES + self.scroll_offset.y
        index, line = divmod(content_y, CARD_LINES)
        cards = self.state.cards
        if index < len(cards):
            return self._card_line(index, line, width)
        if index == len(cards) and line == 0:
            more = self.state.more
            if more:
                style = self._style("stage-column--more")
                return self._line(_("+{count} more").format(count=format_count(more)), style, width)
            if not cards:
                style = self._style("stage-column--more")
                return self._line(_("No leads"), style, width)
        return Strip.blank(width)

    def on_resize(self) -> None:
        """Keep the virtual size in step with the width."""
        self.update_size()

    def on_click(self, event: events.Click) -> None:
        """Clicking a card makes it the current one."""
        if event.y < HEADER_LINES:
            return
        index = (event.y - HEADER_LINES + self.scroll_offset.y) // CARD_LINES
        if index < len(self.state.cards):
            self.post_message(self.CardClicked(self.state.stage.key, index))
