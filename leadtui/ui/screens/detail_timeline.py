"""The detail's editable timeline: edit or delete the selected entry, with undo.

Only a person's own entries are edited (notes, calls, emails, meetings, form
messages); stage changes, follow-up changes and system events are history and say so.
The undo step names the lead, so the detail's u takes back only its own changes.
"""

from __future__ import annotations

from leadtui.domain.rows import TimelineEntry
from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _
from leadtui.store.activities import EDITABLE_KINDS, ActivityEdit, ActivityState
from leadtui.ui.screens.detail_parts import DetailHost
from leadtui.ui.widgets.timeline import activity_label
from leadtui.ui.writes import run_write


def _refused(host: DetailHost, entry: TimelineEntry) -> bool:
    if entry.kind == "activity" and entry.activity_kind in EDITABLE_KINDS:
        return False
    host.screen.app.bell()
    host.toast(
        _("Stage changes, follow-up changes and system events are history; they stay as they are.")
    )
    return True


def edit_entry(host: DetailHost, entry: TimelineEntry) -> None:
    """Open the edit dialog on ``entry``; save what changed (u undoes)."""
    from leadtui.ui.screens.activity_edit_dialog import ActivityChange, ActivityEditDialog

    if _refused(host, entry):
        return
    store, lead_id, label = host.store, host.lead_id, activity_label(entry.activity_kind)

    def done(edit: ActivityEdit | None) -> None:
        host.toast(_("Entry saved (u undoes).") if edit else _("Nothing changed."))
        host.reload()

    def undo(edit: ActivityEdit | None) -> UndoEntry | None:
        if edit is None:
            return None
        return UndoEntry(
            _("edit of the {kind} entry").format(kind=label.lower()),
            discard_result(lambda: store.activities.undo_edit(edit)),
            lead_ids=frozenset({lead_id}),
        )

    def answered(change: ActivityChange | None) -> None:
        if change is None:
            return
        run_write(
            host.screen,
            lambda: store.activities.edit(
                entry.id, kind=change.kind, body=change.body, at=change.at
            ),
            on_done=done,
            undo=undo,
            title=_("Edit the entry"),
        )

    host.screen.app.push_screen(ActivityEditDialog(entry), answered)


def delete_entry(host: DetailHost, entry: TimelineEntry) -> None:
    """Ask, then delete ``entry`` (u puts it back)."""
    from leadtui.ui.screens.confirm import ConfirmScreen

    if _refused(host, entry):
        return
    store, lead_id, label = host.store, host.lead_id, activity_label(entry.activity_kind)
    first_line = entry.body.splitlines()[0] if entry.body else ""

    def done(_state: ActivityState) -> None:
        host.toast(_("Entry deleted (u undoes)."))
        host.reload()

    def undo(state: ActivityState) -> UndoEntry:
        return UndoEntry(
            _("deleting the {kind} entry").format(kind=label.lower()),
            discard_result(lambda: store.activities.restore(state)),
            lead_ids=frozenset({lead_id}),
        )

    def answered(yes: bool | None) -> None:
        if yes:
            run_write(
                host.screen,
                lambda: store.activities.delete(entry.id),
                on_done=done,
                undo=undo,
                title=_("Delete the entry"),
            )

    host.screen.app.push_screen(
        ConfirmScreen(
            _("Delete this {kind} entry?").format(kind=label.lower()),
            first_line[:200] or _("(no text)"),
            _("Delete"),
        ),
        answered,
    )
