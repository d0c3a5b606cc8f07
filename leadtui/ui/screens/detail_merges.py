"""A lead's detail and its merges: which timeline entries record one, and ``U`` there.

The look-up runs off the UI thread, and only for a timeline with a system entry (a
merge leaves one): most leads never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from leadtui.domain.rows import TimelineEntry
from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.widgets.timeline import Timeline
from leadtui.ui.writes import run_write

if TYPE_CHECKING:
    from leadtui.store import MergeResult


def load_merges(
    screen: StoreScreen[Any], lead_id: int, entries: Sequence[TimelineEntry], timeline: Timeline
) -> None:
    """Tell ``timeline`` which of its entries are merges into ``lead_id`` still undoable."""
    if not any(entry.activity_kind == "system" for entry in entries):
        timeline.set_merges({})
        return
    store = screen.store

    def apply(found: dict[int, tuple[int, int]]) -> None:
        if timeline.is_mounted:
            timeline.set_merges(found)

    def read() -> None:
        found = {
            merge.activity_id: (merge.merge_id, merge.other_id)
            for merge in store.merges.merges_into(lead_id)
            if merge.activity_id is not None
        }
        screen.app.call_from_thread(apply, found)

    screen.run_worker(read, thread=True, exclusive=True, group="detail-merges")


def unmerge_in_detail(
    screen: StoreScreen[Any], merge_id: int, other_id: int, reload: Callable[[], None]
) -> None:
    """Take a merge back from the survivor's detail; ``u`` then merges again, same choices."""
    store = screen.store

    def done(_result: object) -> None:
        screen.notify(
            _("Lead #{other} is back; u merges it again.").format(other=other_id), markup=False
        )
        reload()

    def undo(result: MergeResult) -> UndoEntry:
        # The same choices as the first time, not the defaults of today's values.
        return UndoEntry(
            _("Unmerge of #{other}").format(other=other_id),
            discard_result(
                lambda: store.merges.merge(result.kept_id, result.other_id, result.sides)
            ),
            lead_ids=frozenset({result.kept_id, result.other_id}),
        )

    run_write(
        screen, lambda: store.merges.unmerge(merge_id), on_done=done, undo=undo, title=_("Unmerge")
    )
