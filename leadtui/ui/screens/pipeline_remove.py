"""Removing a stage from the pipeline screen: ask first; a stage with leads moves them.

An empty stage is removed after a yes and comes back with u. A stage holding leads
names how many and offers a stage to move them to (open or nurturing); that removal
moves every lead with a stage change, so it is confirmed separately and not undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App

from leadtui.domain.closing import is_closing
from leadtui.domain.filter_stage_move import followed_views_text
from leadtui.domain.formatting import format_count
from leadtui.domain.pipeline_edit import check_removable
from leadtui.domain.undo import UndoEntry
from leadtui.domain.validation import ValidationError
from leadtui.i18n import _, ngettext
from leadtui.store import LeadStore
from leadtui.store.stages import RemovedStage, StageRow


class PipelineHost(Protocol):
    """What removing uses of the pipeline screen (importing it would be a cycle)."""

    rows: list[StageRow]

    @property
    def app(self) -> App[Any]:
        """The running app."""
        ...

    @property
    def store(self) -> LeadStore:
        """The app's store."""
        ...

    def notify(self, message: str, *, severity: Any = ..., markup: bool = ...) -> None:
        """Show a toast."""
        ...

    def write_stage(
        self,
        action: Callable[[], Any],
        toast: str | Callable[[Any], str],
        undo: Callable[[Any], UndoEntry | None] | None = None,
        keep: Callable[[Any], str | None] | None = None,
    ) -> None:
        """Run a pipeline write, then show the stages again."""
        ...

    def undo_entry(self, what: str, revert: Callable[[], object]) -> UndoEntry:
        """An undo step that shows the stages again."""
        ...


def ask_remove(screen: PipelineHost, row: StageRow) -> None:
    """Confirm, pick a stage for its leads if it has any, then remove ``row``'s stage."""
    from leadtui.ui.screens.confirm import ConfirmScreen
    from leadtui.ui.screens.pickers import StagePickerScreen

    try:
        check_removable(row.stage)
    except ValidationError as error:
        screen.app.bell()
        screen.notify(str(error), severity="error", markup=False)
        return
    name = row.stage.shown_name
    if row.count == 0:

        def answered(yes: bool | None) -> None:
            if yes:
                _remove(screen, row, None)

        screen.app.push_screen(
            ConfirmScreen(
                _("Remove the stage {name}?").format(name=name),
                _("No lead is in it. u puts it back."),
                _("Remove"),
            ),
            answered,
        )
        return
    targets = [
        r.stage for r in screen.rows if r.stage.key != row.stage.key and not is_closing(r.stage)
    ]
    count = format_count(row.count)

    def picked(target: str | None) -> None:
        if target is None:
            return
        target_name = _(next(s.name for s in targets if s.key == target))

        def confirmed(yes: bool | None) -> None:
            if yes:
                _remove(screen, row, target)

        screen.app.push_screen(
            ConfirmScreen(
                _("Remove the stage {name}?").format(name=name),
                ngettext(
                    "Its {count} lead moves to {target} first (recorded in its history). "
                    "This cannot be undone with u.",
                    "Its {count} leads move to {target} first (recorded in their history). "
                    "This cannot be undone with u.",
                    row.count,
                ).format(count=count, target=target_name),
                _("Remove"),
            ),
            confirmed,
        )

    title = ngettext(
        "{count} lead is in {name}: move it to…",
        "{count} leads are in {name}: move them to…",
        row.count,
    ).format(count=count, name=name)
    screen.app.push_screen(StagePickerScreen(title, targets), picked)


def _remove(screen: PipelineHost, row: StageRow, target: str | None) -> None:
    store, name = screen.store, row.stage.shown_name

    def undo(removed: RemovedStage) -> UndoEntry | None:
        if removed.moved:
            return None
        return screen.undo_entry(
            _("removing stage {name}").format(name=name),
            lambda: store.stage_editor.restore(removed),
        )

    def said(removed: RemovedStage) -> str:
        text = _("Stage {name} removed.").format(name=name)
        if removed.views and target is not None:
            text += " " + followed_views_text(removed.views, shown_target)
        return text

    shown_target = next(
        (other.stage.shown_name for other in screen.rows if other.stage.key == target), str(target)
    )
    screen.write_stage(lambda: store.stage_editor.remove(row.stage.key, target), said, undo)
