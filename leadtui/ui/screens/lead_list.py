"""The lead list (mode "leads"): the triage inbox, instant at a million leads.

The screen owns the search, filter, sort and navigation; two helpers it owns do the
rest (composition, no inheritance chain): loading, paging and counting in
:class:`~leadtui.ui.screens.list_loader.ListLoader` (the table pages through
:class:`~leadtui.ui.screens.lead_pages.LeadPages`), writes in
:class:`~leadtui.ui.screens.list_actions.ListActions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import ScreenResume, ScreenSuspend
from textual.widgets import Header, Input, Static

from leadtui.domain.rows import LeadCounts, LeadFilter, LeadSort, StageInfo
from leadtui.i18n import N_, _
from leadtui.ui.keymap import bind
from leadtui.ui.screens.base import StoreScreen, survives_outage
from leadtui.ui.screens.lead_pages import LeadPages
from leadtui.ui.screens.list_actions import ListActions
from leadtui.ui.screens.list_filtering import ListFiltering
from leadtui.ui.screens.list_loader import ListLoader, clicked_sort, next_sort
from leadtui.ui.widgets.compact_footer import CompactFooter
from leadtui.ui.widgets.filter_box import FilterHint, FilterInput
from leadtui.ui.widgets.lead_table import LeadTable
from leadtui.ui.widgets.list_header import ListHeader

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from leadtui.store.views import SavedViewRow


def _commands() -> type[Provider]:
    from leadtui.ui.screens.list_commands import LeadListCommands  # textual.command is heavy

    return LeadListCommands


class LeadListScreen(StoreScreen[None]):
    """Every lead, paged from the store: search, filter, sort, marks and bulk actions."""

    COMMANDS = {_commands}
    # Focused as it is composed: moving focus from the search box after the first layout
    # restyled both and drew the whole screen twice more.
    AUTO_FOCUS = "#leads"
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("leads", "search"),
        bind("leads", "clear_search", show=False),
        bind("leads", "filter"),
        bind("leads", "sort", show=False),
        bind("leads", "reverse_sort", show=False),
        bind("leads", "new", "new_lead"),
        bind("leads", "edit", "edit_lead", show=False),
        bind("leads", "next_stage", "next_stage", show=False),
        bind("leads", "previous_stage", "previous_stage", show=False),
        bind("leads", "move_to", show=False),
        bind("leads", "tags", "tag_marked", description=N_("Tag"), show=False),
        bind("leads", "assign", show=False),
        bind("leads", "delete"),
        bind("leads", "undo"),
        bind("leads", "board", "board", show=False),
        bind("leads", "agenda", "agenda", show=False),
        bind("leads", "quit", "ask_quit", show=False),
        bind("leads", "views", show=False),
    ]

    def action_agenda(self) -> None:
        """The agenda (A), beside the list and the board."""
        self.app.switch_mode("agenda")

    async def action_ask_quit(self) -> None:
        """q on the top view asks before quitting."""
        await self.app.run_action("app.ask_quit")

    def __init__(self) -> None:
        super().__init__()
        self.filter = LeadFilter()
        self.sort = LeadSort()
        self._suspended = False
        self.stage_list: list[StageInfo] = []
        self.actions = ListActions(self)
        self.loader = ListLoader(self)
        self.filtering = ListFiltering(
            self,
            box=lambda: self.query_one("#search", FilterInput),
            hint=lambda: self.query_one(FilterHint),
            focus_table=lambda: self.set_focus(self.table),
            after_typing=self.loader.after_typing,
        )

    @property
    def pages(self) -> LeadPages | None:
        """The pages the table shows (``None`` before the first load)."""
        return self.loader.pages

    @property
    def counts(self) -> LeadCounts | None:
        """The header counts of the current filter (``None`` while they are on their way)."""
        return self.loader.counts

    @property
    def table(self) -> LeadTable:
        """The lead table."""
        return self.query_one(LeadTable)

    def toast(self, message: str, *, severity: SeverityLevel | str = "information") -> None:
        """A notification whose text is never parsed as markup."""
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    # -- writing actions (the ListActions helper does the work) -----------------------

    def action_next_stage(self) -> None:
        """Move the lead under the cursor to the next stage."""
        self.actions.step_stage(1)

    def action_previous_stage(self) -> None:
        """Move the lead under the cursor to the previous stage."""
        self.actions.step_stage(-1)

    def action_mark(self) -> None:
        """Mark or unmark the lead under the cursor."""
        self.table.action_toggle_mark()

    def action_clear_marks(self) -> None:
        """Unmark every lead."""
        self.table.clear_marks()

    def action_move_marked(self) -> None:
        """Pick a stage for the marked leads (or the one under the cursor)."""
        self.actions.move_marked()

    def action_tag_marked(self) -> None:
        """Tag the marked leads (or the one under the cursor)."""
        self.actions.tag_marked()

    def action_assign(self) -> None:
        """Assign the marked leads (or the one under the cursor)."""
        self.actions.assign()

    def action_delete(self) -> None:
        """Delete the marked leads (or the one under the cursor) after a confirmation."""
        self.actions.delete()

    def action_undo(self) -> None:
        """Revert the last move, edit, tag or delete."""
        self.actions.undo()

    def action_new_lead(self) -> None:
        """Open the new-lead form."""
        self.actions.form(None)

    def action_edit_lead(self) -> None:
        """Open the edit form on the lead under the cursor."""
        row = self.table.current_row
        if row is not None:
            self.actions.form(row.id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ListHeader(id="list-header")
        yield FilterInput(
            placeholder=_("/ search, or filter: stage:won tag:vip due:overdue score>40 (Tab, Esc)"),
            id="search",
        )
        yield FilterHint(id="search-hint")
        yield LeadTable(id="leads")
        yield Static(id="empty", classes="hidden")
        yield CompactFooter()

    def on_mount(self) -> None:
        """First page now, so the first frame has data; counts follow from a worker."""
        self.stage_list = self.store.reads.stages()
        self.loader.first_page()
        self.table.focus()

    def on_screen_suspend(self, event: ScreenSuspend) -> None:
        """Another screen (detail, form, dialog, board) covers this one."""
        self._suspended = True

    @survives_outage(first_read=False)
    def on_screen_resume(self, event: ScreenResume) -> None:
        """Back from the detail, a form or a dialog: the lead may have changed."""
        if self._suspended:
            self._suspended = False
            self.stage_list = self.store.reads.stages()  # the pipeline may have been edited
            self.reload()

    @property
    def up_to_date(self) -> bool:
        """True when the table and header answer the current filter and sort.

        False while a search waits on its debounce, a load or count is on its way, or a write.
        """
        return self.loader.up_to_date and self.writes_idle

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list in a worker, keeping the cursor (or moving it to ``focus_id``)."""
        self.loader.reload(cursor=cursor, focus_id=focus_id)

    def colleague_changed(self) -> None:
        """Someone else changed leads: re-read, the cursor on the same lead, marks kept."""
        row = self.table.current_row
        self.reload(focus_id=None if row is None else row.id)

    def on_lead_table_marks_changed(self, event: LeadTable.MarksChanged) -> None:
        """Show how many rows are marked."""
        self.loader.update_header()

    # -- search, filter, sort -------------------------------------------------------

    def action_search(self) -> None:
        """Show the search box and focus it."""
        self.filtering.search()

    def on_lead_table_search_requested(self, event: LeadTable.SearchRequested) -> None:
        """ "/" on the table."""
        self.filtering.search()

    def on_lead_table_typed_ahead(self, event: LeadTable.TypedAhead) -> None:
        """Keys typed right after "/" belong in the search box."""
        self.query_one("#search", Input).insert_text_at_cursor(event.character)

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.filtering.typed()

    def on_filter_input_completed(self, event: FilterInput.Completed) -> None:
        """Tab found several candidates: list them under the box."""
        if event.candidates:
            self.query_one(FilterHint).show_candidates(event.candidates)

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.set_focus(self.table)

    def action_clear_search(self) -> None:
        """Esc: drop the search text and hide the box."""
        self.filtering.clear_search()

    def action_clear_filter(self) -> None:
        """Show every lead again."""
        self.filtering.clear_filter()

    def action_views(self) -> None:
        """Open a saved view, or save this filter and sort as one."""
        self.filtering.views()

    def apply_view(self, view: SavedViewRow) -> None:
        """Show the view: its filter in the search box, its sort."""
        self.filtering.apply_view(view)

    def action_filter(self) -> None:
        """Open the filter dialog."""
        self.filtering.dialog()

    def set_sort(self, sort: LeadSort) -> None:
        """Sort the list by ``sort`` (cursor back to the top)."""
        self.sort = sort
        self.reload(cursor=0)

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        self.set_sort(next_sort(self.sort))

    def action_reverse_sort(self) -> None:
        """Flip the sort direction."""
        self.set_sort(LeadSort(self.sort.key, not self.sort.descending))

    def on_lead_table_sort_clicked(self, event: LeadTable.SortClicked) -> None:
        """A header click sorts by that column, or flips it if it already is."""
        self.set_sort(clicked_sort(self.sort, event.key))

    # -- navigation -----------------------------------------------------------------

    def on_lead_table_opened(self, event: LeadTable.Opened) -> None:
        """Enter on a row opens its detail."""
        self.open_lead(event.lead_id)

    def action_open_lead(self) -> None:
        """Open the lead under the cursor."""
        self.table.action_open()

    def open_lead(self, lead_id: int) -> None:
        """Push the lead detail screen, with [ and ] walking this list."""
        from leadtui.ui.screens.lead_detail import LeadDetailScreen

        self.app.push_screen(LeadDetailScreen(lead_id, neighbours=self.neighbours))

    def neighbours(self, lead_id: int, step: int) -> int | None:
        """The lead ``step`` rows away from ``lead_id`` in this list (cursor follows)."""
        return self.loader.neighbour(lead_id, step)

    def action_board(self) -> None:
        """Switch to the funnel board."""
        self.app.switch_mode("board")

    def action_import_file(self) -> None:
        """Open the import screen."""
        from leadtui.ui.screens.import_screen import ImportScreen

        self.app.push_screen(ImportScreen())
