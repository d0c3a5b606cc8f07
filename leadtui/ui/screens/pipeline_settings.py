"""PipelineScreen: the stages in order, edited with the keyboard only.

j/k choose a stage; a adds an open stage, n a nurturing one; r renames; K/J move it up
or down; d removes it (asking first; a stage with leads offers to move them); c and g
set the follow-up and going-cold days; u undoes the last change. Every write goes
through :func:`~leadtui.ui.writes.run_write`; the board, list and agenda read the stages
again when shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from leadtui.domain.enums import NURTURE_STAGE
from leadtui.domain.formatting import format_count
from leadtui.domain.pipeline_edit import kind_label
from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import N_, _
from leadtui.store import LeadStore
from leadtui.store.stages import StageRow
from leadtui.ui.keymap import bind
from leadtui.ui.widgets.fitted_table import FittedDataTable
from leadtui.ui.writes import run_write


class PipelineScreen(Screen[None]):
    """The pipeline settings: stages, their kinds, leads and cadences."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("pipeline", "down", show=False),
        bind("pipeline", "up", show=False),
        bind("pipeline", "new", "add('open')", description=N_("Add")),
        # The footer keeps to 80 columns in Spanish too; the keys line lists every key.
        bind("pipeline", "add_nurture", show=False),
        bind("pipeline", "edit", "rename", description=N_("Rename")),
        bind("pipeline", "move_up"),
        bind("pipeline", "move_down"),
        bind("pipeline", "delete", "remove", description=N_("Remove")),
        bind("pipeline", "followup", "cadence", description=N_("Cadence")),
        bind("pipeline", "cold_days"),
        bind("pipeline", "undo", show=False),
        bind("pipeline", "back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[StageRow] = []

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        store: LeadStore = getattr(self.app, "store")  # noqa: B009 (the app is a LeadApp)
        return store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_("Pipeline"), style="bold"), id="pipeline-title")
        table = FittedDataTable(id="pipeline-stages", cursor_type="row", zebra_stripes=True)
        table.add_columns(
            _("Stage"), _("Kind"), _("Leads"), _("Follow up every"), _("Going cold after")
        )
        table.can_focus = False  # the screen owns the keys (j/k, K/J)
        yield table
        yield Static(id="pipeline-hint")
        yield Static(Text(keys_line(), style="dim"), id="pipeline-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read the stages with their counts and cadences."""
        self.reload()

    @property
    def table(self) -> FittedDataTable:
        """The stage table."""
        return self.query_one("#pipeline-stages", FittedDataTable)

    @property
    def current(self) -> StageRow | None:
        """The stage under the cursor."""
        row = self.table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def reload(self, keep: str | None = None) -> None:
        """Show the stages again, the cursor on ``keep`` (else where it was)."""
        keep = keep or (None if self.current is None else self.current.stage.key)
        self.rows = self.store.stage_editor.rows()
        table = self.table
        table.clear()
        for row in self.rows:
            days = row.cadence
            table.add_row(
                Text(row.stage.shown_name),
                Text(kind_label(row.stage.kind)),
                Text(format_count(row.count)),
                Text("–" if days is None else _("{days} d").format(days=days.followup_days)),
                Text("–" if days is None else _("{days} d").format(days=days.cold_days)),
                key=row.stage.key,
            )
        keys = [row.stage.key for row in self.rows]
        table.move_cursor(row=keys.index(keep) if keep in keys else 0)
        hint = (
            ""
            if any(r.stage.kind == "nurture" for r in self.rows)
            else _("No nurturing stage yet: n adds one for leads interested but not ready.")
        )
        self.query_one("#pipeline-hint", Static).update(Text(hint, style="dim"))

    def action_cursor(self, step: int) -> None:
        """Move the cursor one stage."""
        table = self.table
        table.move_cursor(row=max(0, min(len(self.rows) - 1, table.cursor_row + step)))

    # -- writes -------------------------------------------------------------------

    def write_stage(
        self,
        action: Callable[[], Any],
        toast: str | Callable[[Any], str],
        undo: Callable[[Any], UndoEntry | None] | None = None,
        keep: Callable[[Any], str | None] | None = None,
    ) -> None:
        def done(result: Any) -> None:
            self.reload(None if keep is None else keep(result))
            self.notify(toast if isinstance(toast, str) else toast(result), markup=False)

        run_write(self, action, on_done=done, undo=undo, title=_("Pipeline"))

    def undo_entry(self, what: str, revert: Callable[[], object]) -> UndoEntry:
        def refresh() -> None:
            if self.is_attached:
                self.reload()

        return UndoEntry(what, discard_result(revert), refresh)

    def _ask(self, title: str, value: str, then: Callable[[str], None]) -> None:
        from leadtui.ui.screens.text_prompt import TextPromptScreen

        def answered(text: str | None) -> None:
            if text:
                then(text)

        self.app.push_screen(TextPromptScreen(title, value), answered)

    def action_add(self, kind: str) -> None:
        """Ask a name, then add a stage after the current one (Won and Lost stay last)."""
        store, current = self.store, self.current
        after = None if current is None or current.stage.kind in ("won", "lost") else current
        suggested = _(NURTURE_STAGE[1]) if kind == "nurture" else ""

        def add(name: str) -> None:
            anchor = None if after is None else after.stage.key
            self.write_stage(
                lambda: store.stage_editor.add(name, kind, anchor),
                _("Stage {name} added (u undoes).").format(name=name),
                lambda stage: self.undo_entry(
                    _("adding stage {name}").format(name=name),
                    lambda: store.stage_editor.remove(stage.key),
                ),
                keep=lambda stage: stage.key,
            )

        title = _("New nurturing stage") if kind == "nurture" else _("New stage")
        self._ask(title, suggested, add)

    def action_rename(self) -> None:
        """Ask the new name of the current stage."""
        store, current = self.store, self.current
        if current is None:
            return
        key, shown = current.stage.key, current.stage.shown_name

        def rename(name: str) -> None:
            self.write_stage(
                lambda: store.stage_editor.rename(key, name),
                _("Stage renamed to {name} (u undoes).").format(name=name),
                lambda previous: self.undo_entry(
                    _("renaming {name}").format(name=shown),
                    lambda: store.stage_editor.rename(key, previous),
                ),
            )

        self._ask(_("Rename {name}").format(name=shown), shown, rename)

    def action_shift(self, step: int) -> None:
        """Move the current stage up or down (among the open and nurturing stages)."""
        store, current = self.store, self.current
        if current is None:
            return
        key = current.stage.key
        self.write_stage(
            lambda: store.stage_editor.shift(key, step),
            _("{name} moved (u undoes).").format(name=current.stage.shown_name),
            lambda order: (
                None
                if order is None
                else self.undo_entry(_("moving a stage"), lambda: store.stage_editor.reorder(order))
            ),
            keep=lambda _order: key,
        )

    def action_cadence(self) -> None:
        """Ask how many days between follow-ups in the current stage."""
        self._days(cold=False)

    def action_cold(self) -> None:
        """Ask after how many untouched days a lead of the current stage goes cold."""
        self._days(cold=True)

    def _days(self, *, cold: bool) -> None:
        from leadtui.domain.validation import ValidationError

        store, current = self.store, self.current
        if current is None or current.cadence is None:
            self.app.bell()
            self.notify(_("Won and Lost stages have no follow-up cadence."), markup=False)
            return
        key, cadence = current.stage.key, current.cadence
        value = cadence.cold_days if cold else cadence.followup_days

        def apply(text: str) -> None:
            if not text.isdigit():
                self.notify(_("Type a number of days."), severity="error", markup=False)
                return
            days = int(text)
            follow = cadence.followup_days if cold else days
            cold_days = days if cold else max(days, cadence.cold_days)

            def write() -> Any:
                if days < 1:
                    raise ValidationError("cadence", _("Type a number of days."))
                return store.stage_editor.set_cadence(key, follow, cold_days)

            self.write_stage(
                write,
                _("Cadence of {name} saved (u undoes).").format(name=current.stage.shown_name),
                lambda before: self.undo_entry(
                    _("the cadence of {name}").format(name=current.stage.shown_name),
                    (lambda: store.stage_editor.clear_cadence(key))
                    if before is None
                    else (lambda: store.stage_editor.set_cadence(key, *_pair(before))),
                ),
            )

        title = (
            _("Going cold after how many days?") if cold else _("Follow up every how many days?")
        )
        self._ask(title, str(value), apply)

    def action_remove(self) -> None:
        """Remove the current stage after asking; one with leads offers to move them."""
        from leadtui.ui.screens.pipeline_remove import ask_remove

        if self.current is not None:
            ask_remove(self, self.current)

    def action_undo(self) -> None:
        """Take back the last change (wherever it was made)."""
        from leadtui.ui.undo_actions import undo_last

        undo_last(self)

    def action_back(self) -> None:
        """Back to where the pipeline was opened from."""
        self.app.pop_screen()

    def screen_help(self) -> str:
        """F1: the pipeline in our words, then its keys."""
        from leadtui.ui.screen_help import help_text

        return help_text(_("Pipeline"), pipeline_help(), self.BINDINGS)


def keys_line() -> str:
    """Every key of the screen on one wrapping line (the footer has room for the main ones)."""
    return _(
        "j/k choose · n add · + add nurturing · e rename · K/J move · d remove · "
        "f follow-up days · O going-cold days · u undo · q back"
    )


def _pair(cadence: Any) -> tuple[int, int]:
    return int(cadence.followup_days), int(cadence.cold_days)


def pipeline_help() -> str:
    """What the pipeline screen is, in our words."""
    return _(
        "Your funnel's stages in order, as the board shows them. Open stages are the "
        "steps a deal goes through; a nurturing stage holds leads interested but not ready "
        "(long cadence, not counted as lost, skipped by next stage). Won and Lost keep "
        "their meaning whatever you call them and stay at the end. A stage with leads "
        "is removed once they move to another stage. Follow-up days set the follow-up a "
        "touch proposes; going-cold days put untouched leads in the agenda's Going cold."
    )
