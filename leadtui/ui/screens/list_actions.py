"""The writing half of the lead list: stage moves, bulk actions, delete, undo, forms.

Each action is one short store call, leaves an undo entry, shows a toast
(user text passed with ``markup=False``) and asks the screen to reload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.rows import LeadRow, StageInfo
from leadtui.domain.undo import discard_result
from leadtui.i18n import _, ngettext
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.widgets.lead_table import LeadTable


class ListActions(StoreScreen[None]):
    """Write actions of the lead list; the subclass supplies loading and the table."""

    stage_list: list[StageInfo]

    @property
    def table(self) -> LeadTable:
        """The lead table."""
        return self.query_one(LeadTable)

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None:
        """Re-read the list (implemented by the screen)."""
        raise NotImplementedError

    def open_lead(self, lead_id: int) -> None:
        """Open a lead's detail (implemented by the screen)."""
        raise NotImplementedError

    def toast(self, message: str, *, severity: str = "information") -> None:
        """A notification whose text is never parsed as markup."""
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def _attempt(self, work: Callable[[], None]) -> bool:
        try:
            work()
        except LeadtuiError as error:
            self.toast(str(error), severity="error")
            return False
        return True

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

    def _step_stage(self, step: int) -> None:
        row = self.table.current_row
        if row is None:
            return
        keys = [stage.key for stage in self.stage_list]
        position = keys.index(row.stage) + step if row.stage in keys else -1
        if not 0 <= position < len(keys):
            self.toast(
                _("{name} is already in the last stage in that direction.").format(
                    name=row.display_name
                )
            )
            return
        self._move([row.id], keys[position], row)

    def action_next_stage(self) -> None:
        """Move the lead under the cursor to the next stage."""
        self._step_stage(1)

    def action_previous_stage(self) -> None:
        """Move the lead under the cursor to the previous stage."""
        self._step_stage(-1)

    def _move(self, ids: Sequence[int], stage: str, row: LeadRow | None = None) -> None:
        store = self.store
        try:
            results = store.move_leads(ids, stage)
        except LeadtuiError as error:
            self.toast(str(error), severity="error")
            return
        if not results:
            self.toast(
                _("Nothing to move: already in {stage}.").format(stage=self._stage_name(stage))
            )
            return
        what = (
            row.display_name
            if row is not None and len(results) == 1
            else ngettext("{n} lead", "{n} leads", len(results)).format(n=len(results))
        )
        self.lead_app.undo_history.push(
            _("move of {what} to {stage}").format(what=what, stage=self._stage_name(stage)),
            lambda: store.undo_moves(results),
        )
        self.toast(
            _("Moved {what} to {stage} (u undoes).").format(
                what=what, stage=self._stage_name(stage)
            )
        )
        self.reload()

    # -- marks and bulk -------------------------------------------------------------

    def action_mark(self) -> None:
        """Mark or unmark the lead under the cursor."""
        self.table.action_toggle_mark()

    def action_clear_marks(self) -> None:
        """Unmark every lead."""
        self.table.clear_marks()

    def action_move_marked(self) -> None:
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

        self.app.push_screen(
            StagePickerScreen(title, self.stage_list, current.stage if current else None),
            picked,
        )

    def action_tag_marked(self) -> None:
        """Tag the marked leads (or the one under the cursor)."""
        ids = self.targets()
        if not ids:
            return
        from leadtui.ui.screens.pickers import TagPromptScreen

        store = self.store
        title = ngettext("Tag {n} lead", "Tag {n} leads", len(ids)).format(n=len(ids))

        def tagged(name: str | None) -> None:
            if name is None:
                return
            added: list[int] = []

            def work() -> None:
                added.extend(store.tag_leads(ids, name))

            if not self._attempt(work):
                return
            self.lead_app.undo_history.push(
                _("tag {tag}").format(tag=name),
                discard_result(lambda: store.untag_leads(added, name)),
            )
            self.toast(
                ngettext(
                    "Tagged {n} lead with {tag}.", "Tagged {n} leads with {tag}.", len(added)
                ).format(n=len(added), tag=name)
            )
            self.table.clear_marks()
            self.reload()

        self.app.push_screen(TagPromptScreen(title, store.all_tags()), tagged)

    def action_delete(self) -> None:
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
            if not yes:
                return
            deleted: list[int] = []
            if not self._attempt(lambda: deleted.extend(store.delete_leads(ids))):
                return
            self.lead_app.undo_history.push(
                ngettext("delete of {n} lead", "delete of {n} leads", len(deleted)).format(
                    n=len(deleted)
                ),
                discard_result(lambda: store.restore_leads(deleted)),
            )
            self.toast(
                ngettext(
                    "Deleted {n} lead (u undoes).", "Deleted {n} leads (u undoes).", len(deleted)
                ).format(n=len(deleted))
            )
            self.table.clear_marks()
            self.reload()

        self.app.push_screen(
            ConfirmScreen(_("Delete leads"), Content(body).plain, _("Delete")), answered
        )

    def action_undo(self) -> None:
        """Revert the last move, edit, tag or delete."""
        entry = self.lead_app.undo_history.pop()
        if entry is None:
            self.toast(_("Nothing to undo."))
            return
        if self._attempt(entry.revert):
            self.toast(_("Undone: {what}.").format(what=entry.description))
        self.reload()

    # -- forms ----------------------------------------------------------------------

    def action_new_lead(self) -> None:
        """Open the new-lead form."""
        self._form(None)

    def action_edit_lead(self) -> None:
        """Open the edit form on the lead under the cursor."""
        row = self.table.current_row
        if row is not None:
            self._form(row.id)

    def _form(self, lead_id: int | None) -> None:
        from leadtui.ui.screens.lead_form import FormResult, LeadFormScreen

        def done(result: FormResult | None) -> None:
            if result is None:
                return
            if result.open_id is not None:
                self.open_lead(result.open_id)
            elif result.lead_id is not None:
                self.toast(
                    _("Lead saved (u undoes).")
                    if not result.created
                    else _("Lead added (u undoes).")
                )
                self.reload(focus_id=result.lead_id)

        self.app.push_screen(LeadFormScreen(self.stage_list, lead_id), done)
