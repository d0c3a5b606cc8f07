"""LeadTable: a virtual lead list on Textual's Line API.

Only visible lines are rendered. Rows come from a :class:`RowSource` the screen
feeds (a small page cache over the store); each row is built once into a
pre-padded strip, and a cursor move repaints just the two changed lines. The
source protocol and the strip building are in :mod:`~leadtui.ui.widgets.lead_strips`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from leadtui.domain.rows import LeadRow, SortKey
from leadtui.ui.keymap import bind
from leadtui.ui.widgets import lead_strips
from leadtui.ui.widgets.lead_columns import RowStyles, column_at, columns_for
from leadtui.ui.widgets.lead_strips import RowSource

STRIP_CACHE_LIMIT = 400


class LeadTable(ScrollView, can_focus=True):
    """The lead list: cursor, marks, header with the sort column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("list", "down", "cursor_down", show=False),
        bind("list", "up", "cursor_up", show=False),
        bind("list", "page_down", show=False),
        bind("list", "page_up", show=False),
        bind("list", "first", show=False),
        bind("list", "last", show=False),
        bind("list", "open", show=False),
        bind("list", "toggle", "toggle_mark"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lead-table--header",
        "lead-table--cursor",
        "lead-table--marked",
        "lead-table--overdue",
        "lead-table--today",
        "lead-table--dim",
    }

    class Opened(Message):
        """The user asked to open a lead (Enter or double click)."""

        def __init__(self, lead_id: int) -> None:
            super().__init__()
            self.lead_id = lead_id

    class SortClicked(Message):
        """A column header was clicked."""

        def __init__(self, key: SortKey) -> None:
            super().__init__()
            self.key = key

    class SearchRequested(Message):
        """The user pressed "/" on the table."""

    class TypedAhead(Message):
        """A character typed after "/" before the search box had the focus."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    class MarksChanged(Message):
        """Rows were marked or unmarked."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: RowSource = lead_strips.EmptySource()
        self.cursor = 0
        self.marked: set[int] = set()
        self.sort_key = SortKey.CREATED
        self.sort_descending = True
        self.stage_names: dict[str, str] = {}
        self.now = datetime(1970, 1, 1, tzinfo=UTC)
        self._strips: dict[int, tuple[Strip, Strip]] = {}
        self._row_style_cache: dict[bool, RowStyles] = {}
        self._styles_seen: tuple[Style, Style] | None = None
        self._strip_width = 0
        self._typeahead = False
        self._styles: tuple[Style, Style] | None = None

    # -- data in ------------------------------------------------------------------

    def show(self, source: RowSource, *, cursor: int | None = None) -> None:
        """Display ``source`` (rows changed): drop cached strips and repaint."""
        self.source = source
        self._strips.clear()
        self.virtual_size = Size(self.size.width, source.total + 1)
        self.cursor = self._clamp(self.cursor if cursor is None else cursor)
        self._scroll_cursor_into_view()
        self.refresh()

    def total_changed(self) -> None:
        """The source's total changed (a count arrived): resize the scroll range."""
        self.virtual_size = Size(self.size.width, self.source.total + 1)
        self.cursor = self._clamp(self.cursor)
        self.refresh()

    def refresh_row(self, index: int) -> None:
        """Repaint one row whose data changed."""
        self._strips.pop(index, None)
        self.refresh_line(index + 1)

    @property
    def current_row(self) -> LeadRow | None:
        """The row under the cursor."""
        return self.source.row(self.cursor) if self.source.total else None

    def clear_marks(self) -> None:
        """Unmark every row."""
        self.marked.clear()
        self._strips.clear()
        self.refresh()
        self.post_message(self.MarksChanged(0))

    # -- cursor -------------------------------------------------------------------

    @property
    def _page_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self.source.total - 1))

    def _scroll_cursor_into_view(self) -> bool:
        top = round(self.scroll_y)
        if self.cursor < top:
            new_top = self.cursor
        elif self.cursor >= top + self._page_rows:
            new_top = self.cursor - self._page_rows + 1
        else:
            return False
        self.scroll_y = new_top  # the watcher repaints and moves the scrollbar
        return True

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped), scrolling only when needed."""
        old, self.cursor = self.cursor, self._clamp(index)
        if old == self.cursor:
            return
        if not self._scroll_cursor_into_view():
            self.refresh_line(old + 1)
            self.refresh_line(self.cursor + 1)

    def action_cursor_down(self) -> None:
        """Move the cursor one row down."""
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Move the cursor one row up."""
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        """Move one screenful down."""
        self.scroll_y = round(self.scroll_y) + self._page_rows
        self.move_cursor(self.cursor + self._page_rows)

    def action_page_up(self) -> None:
        """Move one screenful up."""
        self.scroll_y = max(0, round(self.scroll_y) - self._page_rows)
        self.move_cursor(self.cursor - self._page_rows)

    def action_first(self) -> None:
        """Go to the first row."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """Go to the last row."""
        self.move_cursor(self.source.total - 1)

    def action_open(self) -> None:
        """Open the lead under the cursor."""
        row = self.current_row
        if row is not None:
            self.post_message(self.Opened(row.id))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the row under the cursor, then step down."""
        row = self.current_row
        if row is None:
            return
        self.marked.symmetric_difference_update({row.id})
        self.refresh_row(self.cursor)
        self.post_message(self.MarksChanged(len(self.marked)))
        self.move_cursor(self.cursor + 1)

    async def _on_key(self, event: events.Key) -> None:
        # "/" is handled here, not as a binding: bindings run only once a key has
        # bubbled to the app, by which time keys typed right after it ("/ferr")
        # are already queued here. Those are passed up as TypedAhead.
        if event.key == "slash" and not self._typeahead:
            self._typeahead = True
            self.post_message(self.SearchRequested())
        elif self._typeahead and event.is_printable and event.character:
            self.post_message(self.TypedAhead(event.character))
        else:
            return
        event.prevent_default()
        event.stop()

    def _on_focus(self, event: events.Focus) -> None:
        self._typeahead = False
        self._styles = None

    def _on_blur(self, event: events.Blur) -> None:
        self._styles = None

    async def _on_click(self, event: events.Click) -> None:
        if event.y == 0:
            column = column_at(event.x, self._strip_width, columns_for(self.sort_key))
            if column is not None:
                self.post_message(self.SortClicked(column.key))
            return
        self.move_cursor(round(self.scroll_y) + event.y - 1)
        if event.chain == 2:
            self.action_open()

    # -- rendering ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the view: the header, a row, or blank."""
        width = self.scrollable_content_region.width
        if width != self._strip_width:
            self._strips.clear()
            self._strip_width = width
        base, cursor_style = self._line_styles()
        if y == 0:
            return self._header(width).apply_style(base)
        index = round(self.scroll_y) + y - 1
        row = self.source.row(index) if 0 <= index < self.source.total else None
        if row is None:
            return Strip.blank(width, base)
        strips = self._strips.get(index)
        if strips is None:
            if len(self._strips) > STRIP_CACHE_LIMIT:
                self._strips.clear()
            raw = self._build(row, width)
            strips = self._strips[index] = (raw, raw.apply_style(base))
        # The cursor style goes on the raw strip: on top of the base it would lose
        # to the base's own background.
        return strips[0].apply_style(cursor_style) if index == self.cursor else strips[1]

    def _line_styles(self) -> tuple[Style, Style]:
        # rich_style costs ~1 ms per call; compute once until styles or focus change.
        if self._styles is None:
            base = self.rich_style
            cursor = (
                base + self.get_component_rich_style("lead-table--cursor")
                if self.has_focus
                else base + Style(underline=True)
            )
            if self._styles_seen is not None and self._styles_seen[0] != base:
                self._strips.clear()  # cached strips carry the old base style
            self._styles = self._styles_seen = (base, cursor)
        return self._styles

    def _row_styles(self, marked: bool) -> RowStyles:
        cached = self._row_style_cache.get(marked)
        if cached is None:
            cached = self._row_style_cache[marked] = lead_strips.row_styles(
                self.get_component_rich_style, marked
            )
        return cached

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus, CSS): rebuild the cached styles and rows."""
        self._styles = None
        if self._row_style_cache:
            self._row_style_cache.clear()
            self._strips.clear()
        super().notify_style_update()

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("lead-table--header")
        return lead_strips.header_strip(width, self.sort_key, self.sort_descending, style)

    def _build(self, row: LeadRow, width: int) -> Strip:
        marked = row.id in self.marked
        styles = self._row_styles(marked)
        names, columns = self.stage_names, columns_for(self.sort_key)
        return lead_strips.row_strip(row, width, self.now, marked, styles, names, columns)
