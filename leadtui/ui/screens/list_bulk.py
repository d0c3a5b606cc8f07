"""Actions on the marked leads of the list: move, tag, delete, each confirmed by name.

:class:`BulkActions` is made for one action by
:class:`~leadtui.ui.screens.list_actions.ListActions`. What the action will change is
always named: the leads (by name when there are a few), and the stage or tag. Marks
never outlive the view they were made in (the list clears them when its filter or
search changes), so no action reaches a lead the user cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _, ngettext
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from leadtui.domain.rows import LeadRow, StageInfo
    from leadtui.store import LeadStore
    from leadtui.ui.screens.list_parts import ListActionsHost
    from leadtui.ui.widgets.lead_table import LeadTable


class ListActions(Protocol):
    """What a bulk action uses of :class:`~leadtui.ui.screens.list_actions.ListActions`."""

    screen: ListActionsHost

    @property
    def table(self) -> LeadTable: ...

    @property
    def store(self) -> LeadStore: ...

    @property
    def stage_list(self) -> list[StageInfo]: ...

    def targets(self) -> list[int]: ...

    def toast(self, message: str, *, severity: SeverityLevel = "information") -> None: ...

    def reload(self, *, cursor: int | None = None, focus_id: int | None = None) -> None: ...

    def move(
        self, ids: Sequence[int], stage: str, row: LeadRow | None = None, reason: str = ""
    ) -> None: ...

    def win(self, row: LeadRow) -> None: ...


NAMED = 3
"""Up to this many leads, a confirmation names each one."""


class BulkActions:
    """One action on the marked leads (or the one under the cursor)."""

    def __init__(self, actions: ListActions) -> None:
        self.actions = actions
        self.ids = actions.targets()

    def what(self, ids: list[int] | None = None) -> str:
        """The leads ``ids`` (default: the targets) as a user reads them: names or a count."""
        ids = self.ids if ids is None else ids
        names: list[str] = []
        if len(ids) <= NAMED:
            for lead_id in ids:
                row = self.actions.store.reads.lead_row(lead_id)  # a read by key, a few at most
                names.append(row.display_name if row is not None else f"#{lead_id}")
            if names:
                return ", ".join(names)
        return ngettext("{n} lead", "{n} leads", len(ids)).format(n=len(ids))

    def move(self) -> None:
        """Pick a stage; Lost asks the reason, Won (one lead) the value."""
        if not self.ids:
            return
        from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog
        from leadtui.ui.screens.pickers import StagePickerScreen

        actions, ids = self.actions, self.ids
        title = ngettext("Move {n} lead to…", "Move {n} leads to…", len(ids)).format(n=len(ids))
        current = actions.table.current_row
        single = current if len(ids) == 1 and current is not None and current.id == ids[0] else None
        kinds = {stage.key: stage.kind for stage in actions.stage_list}

        def picked(stage: str | None) -> None:
            if stage is None:
                return
            actions.table.clear_marks()
            if kinds.get(stage) == "won" and single is not None:
                actions.win(single)
            elif kinds.get(stage) == "lost":
                actions.screen.screen.app.push_screen(
                    LostReasonDialog(),
                    lambda reason: (
                        None if reason is None else actions.move(ids, stage, single, reason)
                    ),
                )
            else:
                actions.move(ids, stage, single)

        actions.screen.screen.app.push_screen(
            StagePickerScreen(title, actions.stage_list, current.stage if current else None),
            picked,
        )

    def tag(self) -> None:
        """Ask a tag name, then tag the leads; undo takes it off (and out of the tag list)."""
        if not self.ids:
            return
        from leadtui.ui.screens.pickers import TagPromptScreen

        actions, ids, store = self.actions, self.ids, self.actions.store
        title = _("Tag {what}").format(what=self.what())

        def tagged(name: str | None) -> None:
            if name is not None:
                run_write(
                    actions.screen.screen,
                    lambda: store.touches.tag_leads(ids, name),
                    on_done=lambda added: done(name, added),
                    undo=lambda added: (
                        UndoEntry(
                            _("tag {tag} on {what}").format(tag=name, what=self.what(added)),
                            discard_result(
                                lambda: store.touches.untag_leads(added, name, drop_unused=True)
                            ),
                            lead_ids=frozenset(added),
                        )
                        if added
                        else None
                    ),
                )

        def done(name: str, added: list[int]) -> None:
            actions.toast(
                ngettext(
                    "Tagged {n} lead with {tag}.", "Tagged {n} leads with {tag}.", len(added)
                ).format(n=len(added), tag=name)
            )
            actions.table.clear_marks()
            actions.reload()

        actions.screen.screen.app.push_screen(
            TagPromptScreen(title, store.reads.all_tags()), tagged
        )

    def delete(self) -> None:
        """Confirm naming the leads, then delete them; u restores."""
        if not self.ids:
            return
        from leadtui.ui.screens.confirm import ConfirmScreen

        actions, ids, store = self.actions, self.ids, self.actions.store
        names = self.what()
        body = _("Delete {what}? You can undo it with u.").format(what=names)

        def answered(yes: bool | None) -> None:
            if yes:
                run_write(
                    actions.screen.screen,
                    lambda: store.leads.delete_leads(ids),
                    on_done=deleted,
                    undo=lambda gone: UndoEntry(
                        _("delete of {what}").format(what=names),
                        discard_result(lambda: store.leads.restore_leads(gone)),
                        lead_ids=frozenset(gone),
                    ),
                )

        def deleted(gone: list[int]) -> None:
            actions.toast(
                ngettext(
                    "Deleted {n} lead (u undoes).", "Deleted {n} leads (u undoes).", len(gone)
                ).format(n=len(gone))
            )
            actions.table.clear_marks()
            actions.reload()

        title = ngettext("Delete lead", "Delete leads", len(ids))
        actions.screen.screen.app.push_screen(ConfirmScreen(title, body, _("Delete")), answered)
