"""Once a day at start, the scores time alone moved (decay, recency) are rescored.

The launcher sets :attr:`LeadApp.rescore_daily`; after the first frame the app runs
:meth:`ScoringService.rescore_decayed` in a thread worker. While it runs with leads to
read, a progress line sits at the bottom of the screen; at the end a toast says how many
scores changed and the open screens refresh (sorted by score, a list would be stale).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App
from textual.widgets import Static

from leadtui.domain.errors import LeadtuiError
from leadtui.i18n import _, ngettext
from leadtui.store import LeadStore

LINE_ID = "decay-progress"


def start_decay_pass(app: App[Any], store: LeadStore, refresh: Callable[[], None]) -> None:
    """Run the daily rescore of ``store`` in the background (nothing when read-only);
    ``refresh`` redraws the open screens when scores changed."""
    if store.read_only:
        return
    work = lambda: _run(app, store, refresh)  # noqa: E731
    app.run_worker(work, name="score-decay", group="score-decay", thread=True)


def _run(app: App[Any], store: LeadStore, refresh: Callable[[], None]) -> None:
    def progress(done: int, total: int) -> None:
        app.call_from_thread(_show, app, done, total)

    try:
        changed = store.scoring.rescore_decayed(progress)
    except LeadtuiError as error:
        app.call_from_thread(_finish, app, None, refresh)
        app.call_from_thread(app.notify, str(error), severity="error", markup=False)
        return
    finally:
        store.release_reader()
    app.call_from_thread(_finish, app, changed, refresh)


def progress_text(done: int, total: int) -> str:
    """The progress line's words."""
    return _("Updating scores for the time passed since the last touch… {done}/{total}").format(
        done=f"{done:,}", total=f"{total:,}"
    )


def _show(app: App[Any], done: int, total: int) -> None:
    found = app.screen.query(f"#{LINE_ID}")
    text = Text(progress_text(done, total))
    if found:
        found.first(Static).update(text)
    elif done < total:
        app.screen.mount(Static(text, id=LINE_ID, markup=False))


def _finish(app: App[Any], changed: int | None, refresh: Callable[[], None]) -> None:
    for screen in app.screen_stack:
        for line in screen.query(f"#{LINE_ID}"):
            line.remove()
    if changed:
        app.notify(
            ngettext(
                "{n} score changed with the time since the last touch.",
                "{n} scores changed with the time since the last touch.",
                changed,
            ).format(n=f"{changed:,}"),
            markup=False,
        )
        refresh()
