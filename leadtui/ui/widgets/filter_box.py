"""The search box that reads the filter language, and the line under it that explains.

:class:`FilterInput` is an ``Input`` whose Tab completes a key or a known value (the
screen hands it the :class:`~leadtui.domain.filter_query.Vocabulary`); with nothing to
complete, Tab moves the focus on as usual. :class:`FilterHint` shows a parse error
under the box, its carets under the culprit, or the candidates Tab found. Both are
passive: the screen parses the text and tells the hint what to show.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Static

from leadtui.domain.filter_query import FilterSyntaxError, Vocabulary
from leadtui.i18n import _


class FilterInput(Input):
    """A search box for ``stage:won tag:vip ana``: Tab completes keys and values."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", _("Complete"), show=False, id="filter.complete"),
    ]

    class Completed(Message):
        """Tab found these candidates (the screen may show them under the box)."""

        def __init__(self, candidates: tuple[str, ...]) -> None:
            super().__init__()
            self.candidates = candidates

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)
        self.vocabulary = Vocabulary()

    def action_complete(self) -> None:
        """Complete the term before the cursor, or move the focus on if nothing fits."""
        if self.cursor_position != len(self.value):
            self.screen.focus_next()
            return
        from leadtui.domain.filter_query_complete import complete  # Tab's, not the first frame's

        done = complete(self.value, self.vocabulary)
        if done is None:
            self.screen.focus_next()
            return
        self.value = done.text
        self.cursor_position = len(self.value)
        self.post_message(self.Completed(done.candidates if len(done.candidates) > 1 else ()))


class FilterHint(Static):
    """One line under the search box: what is wrong and where, or what Tab can complete."""

    DEFAULT_CSS = """
    FilterHint { height: auto; margin: 0 1; color: $error; }
    FilterHint.-candidates { color: $foreground 70%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False
        self.error: FilterSyntaxError | None = None

    def show_error(self, error: FilterSyntaxError, text: str) -> None:
        """Carets under ``text[error.start:error.end]``, then the message."""
        self.error = error
        self.remove_class("-candidates")
        start = min(error.start, len(text))
        width = max(1, min(error.end, len(text) + 1) - start)
        line = " " * start + "^" * width + " " + str(error)
        self.update(Text(line, no_wrap=False))
        self.display = True

    def show_candidates(self, candidates: tuple[str, ...]) -> None:
        """The values Tab can choose from (nothing when it found one)."""
        self.error = None
        if not candidates:
            self.clear()
            return
        self.add_class("-candidates")
        self.update(Text(_("Tab: {choices}").format(choices="  ".join(candidates))))
        self.display = True

    def clear(self) -> None:
        """Hide the line."""
        self.error = None
        self.display = False
        self.update("")
