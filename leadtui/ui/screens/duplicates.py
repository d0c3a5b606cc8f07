"""DuplicatesScreen: candidate pairs surest first, both leads side by side, merge or not.

The whole-database scan runs in a thread worker with a progress bar (opened for one
lead, from its detail, only that lead's candidates are read: a few indexed look-ups).
Each pair shows why it was proposed and every field of both leads; Ctrl+S merges with
the chosen values, ``I`` remembers "not a duplicate", ``]`` skips, ``u`` takes the
last merge (or answer) back (keys from ``ui/keymap.py``).
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, ProgressBar, Static

from leadtui.domain.duplicates import Candidate
from leadtui.domain.duplicates_merge import Side, default_sides
from leadtui.domain.formatting import format_count
from leadtui.domain.rows import StageInfo
from leadtui.domain.undo import UndoEntry
from leadtui.i18n import N_, _, language
from leadtui.store import ScanResult
from leadtui.ui.keymap import bind, numbered
from leadtui.ui.screens.base import StoreScreen, survives_outage
from leadtui.ui.screens.duplicates_answers import Shown, mark_shown_different, merge_shown
from leadtui.ui.screens.duplicates_compare import FIELDS, detail_values, merge_table
from leadtui.ui.undo_actions import undo_last

_N = range(1, 10)


class DuplicatesScreen(StoreScreen[None]):
    """Review duplicate candidates one pair at a time."""

    DEFAULT_CSS = """
    DuplicatesScreen #dup-progress { margin: 0 1; }
    DuplicatesScreen #dup-status { padding: 0 1; }
    DuplicatesScreen #dup-reason { padding: 0 1; text-style: bold; }
    DuplicatesScreen #dup-scroll { padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Spanish labels are longer: at 80 columns the footer keeps the review keys (F1 lists Back).
        bind("dups", "back", show=language() == "en"),
        bind("dups", "save", "merge", description=N_("Merge")),
        bind("dups", "not_duplicate", description=N_("Different")),
        bind("dups", "next", "skip", description=N_("Skip")),
        bind("dups", "toggle", "take_other", description=N_("Take other")),
        bind("dups", "swap", description=N_("Swap sides")),
        bind("dups", "down", description=N_("Next field"), show=False),
        bind("dups", "up", description=N_("Previous field"), show=False),
        *numbered("dups", "take_other({index})", [_("Toggle field {n}").format(n=n) for n in _N]),
        bind("dups", "undo"),
    ]

    def __init__(self, lead_id: int | None = None) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.queue: list[Candidate] = []
        self.index = 0
        self.cursor = 0
        self.shown: Shown | None = None
        self.stages: list[StageInfo] = []
        self.merged: dict[int, int] = {}
        """Leads merged here, and the lead each went into."""
        self.answered: list[int] = []
        """Queue positions of the merges and answers made, for ``u``."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(_("Looking for duplicates…")), id="dup-status")
        yield ProgressBar(id="dup-progress", show_eta=False)
        yield Static("", id="dup-reason")
        # Not focusable: up/down move the field cursor, and the view follows it.
        with VerticalScroll(id="dup-scroll", can_focus=False):
            yield Static("", id="dup-table")
        yield Footer(compact=language() != "en")  # Spanish labels are longer

    @survives_outage(first_read=True)
    def on_mount(self) -> None:
        """Start the scan (or read one lead's candidates) off the UI thread."""
        self.title = _("Duplicates")
        self.stages = self.store.reads.stages()
        self._scan()

    @work(thread=True, exclusive=True, group="duplicates-scan")
    def _scan(self) -> None:
        try:
            if self.lead_id is not None:
                found = self.store.duplicates.candidates_for(self.lead_id)
                self.app.call_from_thread(self._found, found)
                return
            result = self.store.duplicates.scan(progress=self._progress_from_thread)
            self.app.call_from_thread(self._scanned, result)
        finally:
            self.store.release_reader()

    def _progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#dup-progress", ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#dup-status", Static).update(
            Content(
                _("Looking for duplicates… {done} of {total} leads").format(
                    done=format_count(done), total=format_count(total)
                )
            )
        )

    def _scanned(self, result: ScanResult) -> None:
        self._found([pair for cluster in result.clusters for pair in cluster.pairs])

    def _found(self, pairs: list[Candidate]) -> None:
        self.query_one("#dup-progress", ProgressBar).display = False
        self.queue = pairs
        self.index = 0
        self.show_current()

    # -- showing a pair -------------------------------------------------------------

    @property
    def stage_names(self) -> dict[str, str]:
        """Stage key to display name."""
        return {stage.key: stage.shown_name for stage in self.stages}

    def show_current(self) -> None:
        """Show the pair at :attr:`index`, skipping pairs a merge has already joined."""
        self.shown = None
        while self.index < len(self.queue):
            pair = self._current_pair(self.queue[self.index])
            if pair is None:
                self.index += 1
                continue
            first, second = (
                self.store.reads.lead_detail(pair.low_id),
                self.store.reads.lead_detail(pair.high_id),
            )
            if first and second and not first.deleted and not second.deleted:
                sides = default_sides(detail_values(first), detail_values(second))
                self.shown = Shown(pair, first, second, sides)
                break
            self.index += 1
        status = self.query_one("#dup-status", Static)
        if self.shown is None:
            status.update(Content(_("No more duplicate candidates.")))
            self.query_one("#dup-reason", Static).update("")
            self.query_one("#dup-table", Static).update("")
            return
        status.update(
            Content(
                _("Pair {n} of {total}").format(
                    n=format_count(self.index + 1), total=format_count(len(self.queue))
                )
            )
        )
        self.render_pair()

    def _current_pair(self, pair: Candidate) -> Candidate | None:
        """The pair as it is now: a lead merged meanwhile stands for the lead it went into."""
        low, high = self._survivor(pair.low_id), self._survivor(pair.high_id)
        if (low, high) == (pair.low_id, pair.high_id):
            return pair
        if low == high:
            return None
        # The survivor holds values of both: ask the rules again about the new pair.
        for found in self.store.duplicates.candidates_for(low):
            if {found.low_id, found.high_id} == {low, high}:
                return found
        return None

    def _survivor(self, lead_id: int) -> int:
        while lead_id in self.merged:
            lead_id = self.merged[lead_id]
        return lead_id

    def render_pair(self) -> None:
        """Draw the reason line and the side-by-side table of :attr:`shown`."""
        shown = self.shown
        if shown is None:
            return
        reason = f"{shown.candidate.confidence.label}: {shown.candidate.reason}"
        self.query_one("#dup-reason", Static).update(Content(reason))
        stages = [(stage.key, stage.kind) for stage in self.stages]
        table = merge_table(
            shown.kept, shown.other, shown.sides, self.cursor, self.stage_names, stages
        )
        self.query_one("#dup-table", Static).update(table)

    # -- keys -------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to where it was opened from."""
        self.dismiss(None)

    def action_cursor(self, step: int) -> None:
        """Move to the next or previous field."""
        self.cursor = (self.cursor + step) % len(FIELDS)
        self.render_pair()
        scroll = self.query_one("#dup-scroll", VerticalScroll)
        scroll.scroll_to(y=max(0, self.cursor + 3 - scroll.size.height // 2), animate=False)

    def action_take_other(self, index: int | None = None) -> None:
        """Take the field's value from the other lead (or back)."""
        if self.shown is None:
            return
        if index is not None:
            self.cursor = index
        field = FIELDS[self.cursor]
        current = self.shown.sides.get(field, Side.KEPT)
        self.shown.sides[field] = Side.OTHER if current is Side.KEPT else Side.KEPT
        self.render_pair()

    def action_swap(self) -> None:
        """Keep the other lead instead (every field keeps the value it had chosen)."""
        if self.shown is None:
            return
        flipped = {
            field: Side.OTHER if side is Side.KEPT else Side.KEPT
            for field, side in self.shown.sides.items()
        }
        self.shown = Shown(self.shown.candidate, self.shown.other, self.shown.kept, flipped)
        self.render_pair()

    def action_skip(self) -> None:
        """Leave this pair for another time."""
        if self.shown is not None:
            self.index += 1
            self.show_current()

    def action_merge(self) -> None:
        """Merge the pair with the chosen values (``u`` takes it back)."""
        merge_shown(self)

    def action_not_duplicate(self) -> None:
        """Remember these are two people: never proposed again (``u`` forgets it)."""
        mark_shown_different(self)

    def action_undo(self) -> None:
        """Take the last write back and show that pair again."""

        def after(_entry: UndoEntry, ok: bool) -> None:
            if ok and self.answered:
                self.index = self.answered.pop()
                pair = self.queue[self.index] if self.index < len(self.queue) else None
                for lead_id in (pair.low_id, pair.high_id) if pair else ():
                    self.merged.pop(lead_id, None)
            self.show_current()

        undo_last(self, after=after)
