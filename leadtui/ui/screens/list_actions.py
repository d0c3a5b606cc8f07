"""The writing half of the lead list: stage moves, bulk actions, delete, undo, forms.

:class:`ListActions` is a helper the list screen owns (no inheritance). Each action is
one store call run through :func:`~leadtui.ui.writes.run_write` (off the UI thread,
after any earlier write), leaves an undo entry, shows a toast (user text passed with
``markup=False``) and asks the screen to reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from leadtui.domain.rows import LeadRow
from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _, ngettext
from leadtui.store import MoveResult
from leadtui.ui.screens.list_parts import ListActionsHost
from leadtui.ui.undo_actions import undo_last
from leadtui.ui.widgets.lead_table import LeadTable
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from leadtui.domain.rows import StageInfo
    from leadtui.store import LeadStore


class ListActions:
    """Write actions of the lead list; the screen supplies loading and the table."""

    def __init__(self, screen: ListActionsHost) -> None:
        self.screen = screen

    @property
    def table(self) -> LeadTable:
        """The lead table."""
        return self.screen.table

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        return self.screen.store

    @property
    def stage_list(self) -> list[StageInfo]:
        """The funnel stages, in order."""
        return self.screen.stage_list

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list."""
        self.screen.reload(cursor=cursor, focus_id=focus_id)

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """A notification whose text is never parsed as markup."""
        self.screen.toast(message, severity=severity)

    def targets(self) -> list[int]:
        """The marked leads, or else the one under the cursor."""
        if self.table.marked:
            return sorted(self.table.marked)
        row = self.table.current_row
        return [] if row is None else [row.id]

    def _stage_name(self, key: str) -> str:
        names = {stage.key: stage.name for stage in self.stage_list}
        return _(names.get(key, key))

    # -- one lead -------------------------------------------------------------------

    def step_stage(self, step: int) -> None:
        """Move the lead under the cursor ``step`` stages on."""
        row = self.table.current_row
        if row is None:
            return
        keys = [stage.key for stage in self.stage_list]
        store = self.store

        def target(stage: str) -> str | None:
            position = keys.index(stage) + step if stage in keys else -1
            return keys[position] if 0 <= position < len(keys) else None

        def work() -> tuple[str | None, list[MoveResult]]:
            # The stage as the earlier writes left it (a key pressed twice moves twice).
            fresh = store.lead_row(row.id)
            to = target(row.stage if fresh is None else fresh.stage)
            return to, [] if to is None else store.move_leads([row.id], to)

        def done(outcome: tuple[str | None, list[MoveResult]]) -> None:
            to, results = outcome
            if to is None:
                self.toast(
                    _("{name} is already in the last stage in that direction.").format(
                        name=row.display_name
                    )
                )
            else:
                self._moved(results, to, row)

        run_write(
            self.screen.screen,
            work,
            on_done=done,
            undo=lambda outcome: self._undo(outcome[1], outcome[0], row),
        )

    def _move(self, ids: Sequence[int], stage: str, row: LeadRow | None = None) -> None:
        store = self.store
        run_write(
            self.screen.screen,
            lambda: store.move_leads(ids, stage),
            on_done=lambda results: self._moved(results, stage, row),
            undo=lambda results: self._undo(results, stage, row),
        )

    def _what(self, results: list[MoveResult], row: LeadRow | None) -> str:
        if row is not None and len(results) == 1:
            return row.display_name
        return ngettext("{n} lead", "{n} leads", len(results)).format(n=len(results))

    def _undo(
        self, results: list[MoveResult], stage: str | None, row: LeadRow | None
    ) -> UndoEntry | None:
        if not results or stage is None:
            return None
        store, what = self.store, self._what(results, row)
        return UndoEntry(
            _("move of {what} to {stage}").format(what=what, stage=self._stage_name(stage)),
            lambda: store.undo_moves(results),
        )

    def _moved(self, results: list[MoveResult], stage: str, row: LeadRow | None) -> None:
        if not results:
            self.toast(
                _("Nothing to move: already in {stage}.").format(stage=self._stage_name(stage))
            )
            return
        what = self._what(results, row)
        self.toast(
            _("Moved {what} to {stage} (u undoes).").format(
                what=what, stage=self._stage_name(stage)
            )
        )
        self.reload()

    # -- marks and bulk -------------------------------------------------------------

    def move_marked(self) -> None:
        """Pick a stage for the marked leads (or the one under the cursor)."""
        ids = self.targets()
        if not ids:
            return
        from leadtui.ui.screens.pickers import StagePickerScreen

        title = ngettext("Move {n} lead to…", "Move {n} leads to…", len(ids)).format(n=len(ids))
        current = self.table.current_row

        def picked(stage: str | None) -> None:
            if stage is not None:
                self._move(ids, stage, current if len(ids) == 1 else None)
                self.table.clear_marks()

        self.screen.screen.app.push_screen(
            StagePickerScreen(title, self.stage_list, current.stage if current else None),
            picked,
        )

    def tag_marked(self) -> None:
        """Tag the marked leads (or the one under the cursor)."""
        ids = self.targets()
        if not ids:
            return
        from leadtui.ui.screens.pickers import TagPromptScreen

        store = self.store
        title = ngettext("Tag {n} lead", "Tag {n} leads", len(ids)).format(n=len(ids))

        def tagged(name: str | None) -> None:
            if name is not None:
                run_write(
                    self.screen.screen,
                    lambda: store.tag_leads(ids, name),
                    on_done=lambda added: done(name, added),
                    undo=lambda added: UndoEntry(
                        _("tag {tag}").format(tag=name),
                        discard_result(lambda: store.untag_leads(added, name)),
                    ),
                )

        def done(name: str, added: list[int]) -> None:
            self.toast(
                ngettext(
                    "Tagged {n} lead with {tag}.", "Tagged {n} leads with {tag}.", len(added)
                ).format(n=len(added), tag=name)
            )
            self.table.clear_marks()
            self.reload()

        self.screen.screen.app.push_screen(TagPromptScreen(title, store.all_tags()), tagged)

    def delete(self) -> None:
        """Delete the marked leads (or the one under the cursor) after a confirmation."""
        ids = self.targets()
        if not ids:
            return
        from leadtui.ui.screens.confirm import ConfirmScreen

        row = self.table.current_row
        if len(ids) == 1 and row is not None and row.id == ids[0]:
            body = _("Delete {name}? You can undo it with u.").format(name=row.display_name)
        else:
            body = ngettext(
                "Delete {n} marked lead? You can undo it with u.",
                "Delete {n} marked leads? You can undo it with u.",
                len(ids),
            ).format(n=len(ids))
        store = self.store

        def answered(yes: bool | None) -> None:
            if yes:
                run_write(
                    self.screen.screen,
                    lambda: store.delete_leads(ids),
                    on_done=deleted,
                    undo=lambda gone: UndoEntry(
                        ngettext("delete of {n} lead", "delete of {n} leads", len(gone)).format(
                            n=len(gone)
                        ),
                        discard_result(lambda: store.restore_leads(gone)),
                    ),
                )

        def deleted(gone: list[int]) -> None:
            self.toast(
                ngettext(
                    "Deleted {n} lead (u undoes).", "Deleted {n} leads (u undoes).", len(gone)
                ).format(n=len(gone))
            )
            self.table.clear_marks()
            self.reload()

        self.screen.screen.app.push_screen(
            ConfirmScreen(_("Delete leads"), Content(body).plain, _("Delete")), answered
        )

    def undo(self) -> None:
        """Revert the last move, edit, tag or delete."""
        undo_last(self.screen.screen, after=lambda _entry, _ok: self.reload())

    # -- forms ----------------------------------------------------------------------

    def form(self, lead_id: int | None) -> None:
        """Open the lead form: a new lead (``None``) or an edit."""
        from leadtui.ui.screens.lead_form import FormResult, LeadFormScreen

        def done(result: FormResult | None) -> None:
            if result is None:
                return
            if result.open_id is not None:
                self.screen.open_lead(result.open_id)
            elif result.lead_id is not None:
                self.toast(
                    _("Lead saved (u undoes).")
                    if not result.created
                    else _("Lead added (u undoes).")
                )
                self.reload(focus_id=result.lead_id)

        self.screen.screen.app.push_screen(LeadFormScreen(self.stage_list, lead_id), done)
