"""AgendaScreen: who to contact now, by section, one page at a time from the indexes.

The sections (Overdue, Today, No next step, Going cold, Upcoming) are switched with
the number keys; each shows its count (read in a worker: a range count per stage)
and one page of rows read with a LIMIT, never the whole section. ``t`` walks the
section lead by lead in the triage view; Enter opens the lead.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Header, Static

from leadtui.domain.agenda import (
    SECTION_TITLES,
    AgendaRow,
    AgendaSection,
    count_text,
    touch_summary,
)
from leadtui.domain.formatting import followup_label
from leadtui.i18n import N_, _, language
from leadtui.ui.keymap import bind, numbered
from leadtui.ui.screens.base import StoreScreen, survives_outage
from leadtui.ui.widgets.fitted_table import FittedDataTable

PAGE = 50
"""Rows read per page of a section."""
NARROW = 100
"""Below this many columns the agenda's cells are cut shorter, so every column shows."""
SECTIONS = tuple(AgendaSection)


def _cut(text: str, width: int) -> Text:
    """User text as ``Text``, cut to ``width`` cells with an ellipsis."""
    cell = Text(text)
    cell.truncate(width, overflow="ellipsis")
    return cell


class AgendaScreen(StoreScreen[None]):
    """The agenda: sections with counts, a page of rows, triage from the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("agenda", "down", show=False),
        bind("agenda", "up", show=False),
        bind("agenda", "open"),
        bind("agenda", "triage"),
        bind("agenda", "next_section", show=False),
        bind("agenda", "previous_section", show=False),
        bind("agenda", "next", "page(1)", description=N_("Next page"), show=False),
        bind("agenda", "previous", "page(-1)", description=N_("Previous page"), show=False),
        *numbered("agenda", "section({index})", [_(SECTION_TITLES[name]) for name in SECTIONS]),
        bind("agenda", "list"),
        bind("agenda", "board"),
        bind("agenda", "undo"),
        bind("agenda", "views", "mine", description=N_("Mine / everyone's"), show=False),
        bind("agenda", "quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.section = AgendaSection.OVERDUE
        self.page_offset = 0
        self.rows: list[AgendaRow] = []
        self.counts: dict[AgendaSection, int] = {}
        self._counting = False
        self._resumed = False
        self.owner: str | None = None
        """Only this user's leads (the "Mine" view, ``owner:me``); ``None``: everyone's."""

    @property
    def up_to_date(self) -> bool:
        """False while the counts are still being read (tests wait on it)."""
        return not self._counting and self.writes_idle

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="agenda-sections")
        table = FittedDataTable(id="agenda-rows", cursor_type="row", zebra_stripes=True)
        table.add_columns(_("Name"), _("Company"), _("Stage"), _("Follow-up"), _("Last touch"))
        table.can_focus = False  # the screen owns the keys, so the footer shows Enter as Open
        yield table
        yield Static(id="agenda-empty")
        yield Footer(compact=language() != "en")

    @survives_outage(first_read=True)
    def on_mount(self) -> None:
        """The first page now (one short indexed read); the counts in a worker."""
        self.stage_names = {stage.key: stage.shown_name for stage in self.store.reads.stages()}
        self.reload()

    @survives_outage(first_read=False)
    def on_screen_resume(self) -> None:
        """A triage or the detail may have moved leads between sections."""
        if self._resumed:  # the first resume follows the mount, which just read it all
            self.stage_names = {stage.key: stage.shown_name for stage in self.store.reads.stages()}
            self.reload()
        self._resumed = True

    def reload(self) -> None:
        """Read the current page again and recount the sections."""
        self._show_page()
        self._counting = True
        self._count()

    @work(thread=True, exclusive=True, group="agenda-counts")
    def _count(self) -> None:
        counts = {
            section: self.store.reads.agenda_count(section, self.owner) for section in SECTIONS
        }
        self.store.release_reader()
        self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[AgendaSection, int]) -> None:
        self.counts = counts
        self._counting = False
        self._show_sections()

    def _show_sections(self) -> None:
        line = Text()
        narrow = self.app.size.width < NARROW
        for number, section in enumerate(SECTIONS, start=1):
            count = self.counts.get(section)
            # Narrow: only the shown section is named; the others are their key and count.
            title = "" if narrow and section is not self.section else _(SECTION_TITLES[section])
            label = f" {number} {title}".rstrip()
            label += f" ({count_text(count)}) " if count is not None else " (…) "
            style = "reverse bold" if section is self.section else ""
            line.append(label, style=style)
        self.query_one("#agenda-sections", Static).update(line)

    def _show_page(self) -> None:
        self.rows = self.store.reads.agenda_page(self.section, self.page_offset, PAGE, self.owner)
        now = self.now()
        table = self.query_one("#agenda-rows", FittedDataTable)
        table.clear()
        narrow = self.app.size.width < NARROW
        for row in self.rows:
            lead = row.lead
            due = followup_label(lead.next_followup_at, now) if lead.next_followup_at else ""
            followup = f"{due} {row.followup_note}".strip()
            table.add_row(
                _cut(lead.display_name, 18 if narrow else 26),
                _cut(lead.company, 12 if narrow else 24),
                Text(self.stage_names.get(lead.stage, lead.stage)),
                _cut(followup, 10 if narrow else 24),
                _cut(touch_summary(row.last_touch, now), 22 if narrow else 40),
                key=str(lead.id),
            )
        empty = self.query_one("#agenda-empty", Static)
        empty.display = not self.rows
        empty.update(Text(_("Nothing here: well done.")))
        self._show_sections()

    def colleague_changed(self) -> None:
        """Someone else changed leads: re-read and recount, the cursor on the same lead."""
        index = self._cursor_index()
        keep = None if index is None else self.rows[index].lead.id
        self.reload()
        ids = [row.lead.id for row in self.rows]
        if keep in ids:
            self.query_one("#agenda-rows", FittedDataTable).move_cursor(row=ids.index(keep))

    def action_cursor(self, step: int) -> None:
        """Move the row cursor (j/k as well as the arrows)."""
        table = self.query_one("#agenda-rows", FittedDataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_section(self, index: int) -> None:
        """Show section ``index`` (the number keys), from its first page."""
        self.section = SECTIONS[index]
        self.page_offset = 0
        self._show_page()

    def action_section_step(self, step: int) -> None:
        """The next (or previous) section."""
        self.action_section((SECTIONS.index(self.section) + step) % len(SECTIONS))

    def action_page(self, step: int) -> None:
        """The next or previous page of the section."""
        offset = max(0, self.page_offset + step * PAGE)
        total = self.counts.get(self.section)
        if offset == self.page_offset or (total is not None and offset >= total):
            return
        self.page_offset = offset
        self._show_page()

    def _cursor_index(self) -> int | None:
        table = self.query_one("#agenda-rows", FittedDataTable)
        return table.cursor_row if self.rows and 0 <= table.cursor_row < len(self.rows) else None

    def action_open(self) -> None:
        """Open the lead under the cursor."""
        from leadtui.ui.screens.lead_detail import LeadDetailScreen

        index = self._cursor_index()
        if index is not None:
            self.app.push_screen(LeadDetailScreen(self.rows[index].lead.id))

    def action_triage(self) -> None:
        """Walk this section lead by lead, from the cursor."""
        from leadtui.ui.screens.triage import TriageScreen

        index = self._cursor_index()
        if index is not None:
            start = self.page_offset + index
            self.app.push_screen(TriageScreen(self.section, start, owner=self.owner))

    def action_mine(self) -> None:
        """o: only my leads ("Mine", ``owner:me``), or everyone's again."""
        self.owner = self.store.team.me() if self.owner is None else None
        self.sub_title = _("Mine") if self.owner is not None else ""
        self.page_offset = 0
        self.reload()

    def action_undo(self) -> None:
        """Take back the last write of the app."""
        from leadtui.ui.undo_actions import undo_last

        undo_last(self, after=lambda _entry, _ok: self.reload())
