"""PickList: an OptionList that also answers to j/k and to the digits 1-9.

Every pick list of the app uses it (stages, lost reasons, views, import fields, tags),
so j/k move and a digit picks the n-th choice wherever a list is focused. The keys come
from ``ui/keymap.py``; a disabled choice is never picked by its number.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import OptionList

from leadtui.ui.keymap import bind, numbered


class PickList(OptionList):
    """An OptionList with j/k and number keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("pick", "down", "cursor_down", show=False),
        bind("pick", "up", "cursor_up", show=False),
        *numbered("pick", "pick_number({index})", [str(n) for n in range(1, 10)]),
    ]

    def action_pick_number(self, index: int) -> None:
        """Choose the ``index``-th option (as Enter would), if it exists and is enabled."""
        if index >= self.option_count or self.get_option_at_index(index).disabled:
            return
        self.highlighted = index
        self.action_select()
