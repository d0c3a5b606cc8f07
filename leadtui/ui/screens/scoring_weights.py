"""ScoringWeightsScreen: every weight of the scoring rules as a number to edit, by keyboard.

Pushed from the rules screen (``p``). Tab and Shift+Tab move between the numbers; each
is checked as it is typed (a whole number in its range) and a bad one says why on its
own line. Ctrl+S writes the changed numbers into the rules file (only the numbers: the
file's comments stay) and dismisses with True, so the rules screen rescores every lead;
nothing is written while a number is bad. Esc asks before dropping changes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.validation import Integer
from textual.widgets import Footer, Header, Input, Static

from leadtui.domain.scoring_edit import Weight, weights_of
from leadtui.domain.scoring_rules import RulesError
from leadtui.i18n import N_, _, language
from leadtui.ui.keymap import bind
from leadtui.ui.screens.base import StoreScreen
from leadtui.ui.screens.confirm import ConfirmScreen

TABLES: dict[str, str] = {
    "qualified": N_("Qualified (MQL)"),
    "fit": N_("Fit"),
    "fit.source": N_("Fit: source"),
    "fit.campaign": N_("Fit: a word in the campaign"),
    "fit.job_title": N_("Fit: a word in the job title"),
    "fit.email_domain": N_("Fit: email domain"),
    "fit.country": N_("Fit: country of the phone"),
    "behaviour": N_("Behaviour: each touch"),
    "decay": N_("Decay"),
    "caps": N_("Caps"),
}
"""The heading of each table of the rules file."""

LABELS: dict[str, str] = {
    "qualified.threshold": N_("qualified at or above"),
    "fit.company_given": N_("company given"),
    "fit.free_mail": N_("free-mail address"),
    "behaviour.max_per_kind": N_("at most per kind"),
    "behaviour.recent_days": N_("recent: within days"),
    "behaviour.recent_points": N_("recent: points"),
    "decay.points_per_week": N_("lost per week"),
    "decay.max_points": N_("lost at most"),
    "caps.min": N_("lowest score"),
    "caps.max": N_("highest score"),
}
"""Words for the fixed settings (a source, a word, a touch kind is shown as the file has it)."""


class ScoringWeightsScreen(StoreScreen[bool]):
    """The rules' numbers as validated inputs; dismisses True after a save."""

    DEFAULT_CSS = """
    ScoringWeightsScreen #weights-scroll { height: 1fr; padding: 0 1; }
    ScoringWeightsScreen .weights-table { text-style: bold; margin-top: 1; }
    ScoringWeightsScreen .weight-row { height: 1; }
    ScoringWeightsScreen .weight-label { width: 26; }
    ScoringWeightsScreen .weight-row Input { width: 9; height: 1; border: none; padding: 0 1; }
    ScoringWeightsScreen .weight-row Input.-invalid { background: $error 40%; }
    ScoringWeightsScreen .weight-error { width: 1fr; padding-left: 1; color: $text-error; }
    ScoringWeightsScreen #weights-problem { color: $text-error; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("weights", "save"),
        bind("weights", "cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.weights: list[Weight] = []

    def compose(self) -> ComposeResult:
        self.weights = weights_of(self.store.scoring.keeper.ruleset.rules)
        yield Header()
        yield Static(
            Text(
                _(
                    "Tab moves between the numbers; Ctrl+S saves them into {path} "
                    "(only the numbers change, its comments stay) and rescores every lead."
                ).format(path=self.store.scoring.rules_path),
                style="dim",
            ),
            id="weights-help",
        )
        yield Static("", id="weights-problem")
        with VerticalScroll(id="weights-scroll"):
            table = ""
            for index, weight in enumerate(self.weights):
                if weight.table != table:
                    table = weight.table
                    yield Static(Text(_(TABLES[table])), classes="weights-table")
                label = LABELS.get(weight.name)
                with Horizontal(classes="weight-row"):
                    yield Static(Text(_(label) if label else weight.key), classes="weight-label")
                    yield Input(
                        str(weight.value),
                        type="integer",
                        validators=[Integer(weight.low, weight.high, self._range(weight))],
                        id=f"weight-{index}",
                        compact=True,
                    )
                    yield Static("", id=f"weight-error-{index}", classes="weight-error")
        yield Footer(compact=language() != "en")

    def on_mount(self) -> None:
        """Title, no problem line yet, the focus on the first number."""
        self.title = _("Scoring weights")
        self.query_one("#weights-problem", Static).display = False
        if self.weights:
            self.query_one("#weight-0", Input).focus()

    @staticmethod
    def _range(weight: Weight) -> str:
        return _("a whole number from {low} to {high}").format(low=weight.low, high=weight.high)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say on the number's own line why it is refused (or clear the line)."""
        if event.input.id is None:
            return
        index = event.input.id.removeprefix("weight-")
        result = event.validation_result
        message = "" if result is None or result.is_valid else self._range(self._weight(index))
        self.query_one(f"#weight-error-{index}", Static).update(Text(message))

    def _weight(self, index: str) -> Weight:
        return self.weights[int(index)]

    def _values(self) -> tuple[dict[str, int], Input | None]:
        """The numbers typed, and the first input that is not one in range."""
        values: dict[str, int] = {}
        bad: Input | None = None
        for index, weight in enumerate(self.weights):
            field = self.query_one(f"#weight-{index}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                bad = bad or field
                continue
            values[weight.name] = int(field.value)
        return values, bad

    def _changes(self) -> dict[str, int]:
        values, _bad = self._values()
        return {
            w.name: values[w.name] for w in self.weights if values.get(w.name, w.value) != w.value
        }

    # -- actions ------------------------------------------------------------------

    def action_save(self) -> None:
        """Write the changed numbers and dismiss (True); a bad number: nothing written."""
        values, bad = self._values()
        problem = self.query_one("#weights-problem", Static)
        if bad is not None:
            bad.focus()
            problem.update(Text(_("Nothing saved: a number is not valid.")))
            problem.display = True
            return
        changes = {w.name: values[w.name] for w in self.weights if values[w.name] != w.value}
        if not changes:
            self.dismiss(False)
            return
        try:
            self.store.scoring.save_weights(changes)
        except RulesError as error:
            problem.update(Text(_("Nothing saved: {reason}").format(reason=error)))
            problem.display = True
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Back; with changes typed, ask first."""
        if not self._changes() and self._values()[1] is None:
            self.dismiss(False)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen(
                _("Discard changes?"),
                _("The numbers you typed are not saved; the rules file stays as it is."),
                _("Discard"),
            ),
            answered,
        )
