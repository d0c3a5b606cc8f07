"""ScoringRulesScreen: the scoring rules in use, edited in ``$EDITOR``, then every lead rescored.

Reached from the palette ("Scoring rules"). ``p`` edits the weights in a form
(:mod:`~leadtui.ui.screens.scoring_weights`); ``e`` opens the rules file in the user's
editor (writing the commented default first if there is none) and reloads it on
return; ``r`` reloads it after an edit made elsewhere. A file that does not parse is
named in one red line and the rules in use stay. Reloaded rules rescore every lead in
a thread worker with a progress bar; the app stays usable meanwhile.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, ProgressBar, Static

from leadtui.domain.scoring_rules import RulesError
from leadtui.i18n import _, language, ngettext
from leadtui.ui.keymap import bind
from leadtui.ui.screens.base import StoreScreen


class ScoringRulesScreen(StoreScreen[None]):
    """The rules file's text, its problem if any, and a recompute's progress."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", _("Edit in $EDITOR"), id="rules.edit"),
        Binding("r", "reload", _("Reload and rescore"), id="rules.reload"),
        bind("rules", "weights"),
        Binding("escape,q", "back", _("Back"), id="rules.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="rules-path")
        yield Static("", id="rules-error")
        yield ProgressBar(id="rules-progress", show_eta=False)
        yield Static("", id="rules-status")
        with VerticalScroll(id="rules-scroll"):
            yield Static("", id="rules-text")
        yield Footer(compact=language() != "en")  # Spanish labels are longer

    def on_mount(self) -> None:
        """Show the rules in use."""
        self.title = _("Scoring rules")
        self.query_one("#rules-progress", ProgressBar).display = False
        self.show_rules()

    def show_rules(self) -> None:
        """The path, the problem line (if any) and the text of the rules in use."""
        scoring = self.store.scoring
        self.query_one("#rules-path", Static).update(
            Text(_("File: {path}").format(path=scoring.rules_path), style="dim")
        )
        error = scoring.rules_error
        line = self.query_one("#rules-error", Static)
        if error:
            kept = _("the rules in use stay until the file is fixed")
            line.update(Text(f"{' '.join(error.split())} ({kept})", style="bold red"))
        line.display = error is not None
        self.query_one("#rules-text", Static).update(Text(scoring.rules_text()))

    # -- actions ------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to where the palette was opened (a running rescore goes on)."""
        self.dismiss(None)

    def action_edit(self) -> None:
        """Open the rules file in ``$VISUAL``/``$EDITOR`` (default ``vi``), then reload."""
        scoring = self.store.scoring
        try:
            scoring.init_rules_file()
        except OSError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                subprocess.call([*shlex.split(editor), str(scoring.rules_path)])
        except (OSError, ValueError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.action_reload()

    def action_weights(self) -> None:
        """The weights as a form; after a save, every lead is rescored."""
        from leadtui.ui.screens.scoring_weights import ScoringWeightsScreen

        if self.store.scoring.rules_error is not None:
            self.notify(
                _("Fix the rules file first (e), then edit its weights."),
                severity="warning",
                markup=False,
            )
            return

        def saved(changed: bool | None) -> None:
            if changed:
                self.show_rules()
                self._start_recompute()

        self.app.push_screen(ScoringWeightsScreen(), saved)

    def action_reload(self) -> None:
        """Read the rules file again; good rules rescore every lead in the background."""
        try:
            self.store.scoring.reload_rules()
        except RulesError:
            self.show_rules()  # the one-line problem; the rules in use stay
            return
        self.show_rules()
        self._start_recompute()

    def _start_recompute(self) -> None:
        self.query_one("#rules-progress", ProgressBar).display = True
        self.query_one("#rules-status", Static).update(Text(_("Rescoring every lead…")))
        self._recompute()

    @work(thread=True, exclusive=True, group="scoring-recompute")
    def _recompute(self) -> None:
        try:
            changed = self.store.scoring.recompute(self._progress_from_thread)
        except Exception as error:  # noqa: BLE001 -- a store write: LeadtuiError, shown as it is
            self.app.call_from_thread(self._failed, str(error))
            return
        finally:
            self.store.release_reader()
        self.app.call_from_thread(self._done, changed)

    def _progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        if self.is_attached:
            self.query_one("#rules-progress", ProgressBar).update(
                total=max(total, 1), progress=done
            )

    def _done(self, changed: int) -> None:
        message = ngettext("{n} score changed.", "{n} scores changed.", changed).format(
            n=f"{changed:,}"
        )
        self.app.notify(message, markup=False)
        if self.is_attached:
            self.query_one("#rules-status", Static).update(Text(message))

    def _failed(self, message: str) -> None:
        self.app.notify(message, severity="error", markup=False)
        if self.is_attached:
            self.query_one("#rules-progress", ProgressBar).display = False
