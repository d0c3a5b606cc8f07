"""The duplicates screen's two answers to a pair: merge it, or remember "not a duplicate".

Each runs as one write off the UI thread with its undo step (``u`` takes it back), then
the screen shows the next pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from textual.screen import Screen

from leadtui.domain.duplicates import Candidate
from leadtui.domain.duplicates_merge import Side
from leadtui.domain.rows import LeadDetail
from leadtui.domain.undo import UndoEntry, discard_result
from leadtui.i18n import _
from leadtui.store import LeadStore, MergeResult
from leadtui.ui.writes import run_write


@dataclass(slots=True)
class Shown:
    """The pair on screen: which lead stays, the other, and each field's chosen side."""

    candidate: Candidate
    kept: LeadDetail
    other: LeadDetail
    sides: dict[str, Side]


class AnswerHost(Protocol):
    """What the answers use of the duplicates screen (importing it would be a cycle)."""

    shown: Shown | None
    index: int
    answered: list[int]
    merged: dict[int, int]

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    def notify(self, message: str, *, markup: bool = ...) -> None:
        """Show a toast."""
        ...

    def show_current(self) -> None:
        """Show the pair at ``index``."""
        ...


def _screen(host: AnswerHost) -> Screen[Any]:
    assert isinstance(host, Screen)
    return host


def merge_shown(host: AnswerHost) -> None:
    """Merge the pair on screen with the chosen values."""
    shown = host.shown
    if shown is None:
        return
    kept, other, sides = shown.kept.id, shown.other.id, dict(shown.sides)
    store = host.store
    position = host.index

    def undo(result: MergeResult) -> UndoEntry:
        return UndoEntry(
            _("Merge of #{other} into #{kept}").format(other=other, kept=kept),
            discard_result(lambda: store.merges.unmerge(result.merge_id)),
            lead_ids=frozenset({kept, other}),
        )

    def done(result: MergeResult) -> None:
        host.answered.append(position)
        host.merged[other] = kept
        host.notify(
            _("Merged #{other} into #{kept} (merge {merge}); u takes it back.").format(
                other=other, kept=kept, merge=result.merge_id
            ),
            markup=False,
        )
        host.index += 1
        host.show_current()

    run_write(
        _screen(host),
        lambda: store.merges.merge(kept, other, sides),
        on_done=done,
        undo=undo,
        title=_("Merge"),
    )


def mark_shown_different(host: AnswerHost) -> None:
    """Remember the pair on screen as two people: never proposed again."""
    shown = host.shown
    if shown is None:
        return
    low, high = shown.candidate.low_id, shown.candidate.high_id
    store = host.store
    position = host.index

    def done(_result: bool) -> None:
        host.answered.append(position)
        host.index += 1
        host.show_current()

    run_write(
        _screen(host),
        lambda: store.duplicates.mark_not_duplicate(low, high),
        on_done=done,
        undo=lambda _r: UndoEntry(
            _("Not a duplicate: #{low} and #{high}").format(low=low, high=high),
            lambda: store.duplicates.unmark_not_duplicate(low, high),
            lead_ids=frozenset({low, high}),
        ),
        title=_("Not a duplicate"),
    )
