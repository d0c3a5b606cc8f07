"""The saved-views picker (key ``o`` on the list and the board, and the palette).

Enter on a view opens it; typing a name and Enter saves the current filter and sort
under it (replacing a view of that name); ``delete`` forgets the highlighted view. Each
view shows how many leads it holds, counted in a worker (a count can take a moment at a
million leads). Saving and deleting go through ``run_write`` and can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.formatting import format_count
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.domain.undo import UndoEntry
from leadtui.i18n import _, ngettext
from leadtui.store import LeadStore
from leadtui.store.views import SavedViewRow
from leadtui.ui.widgets.pick_list import PickList
from leadtui.ui.writes import run_write

Choice = tuple[str, str]
"""``("open" | "save" | "delete", view name)``."""


class ViewPickerScreen(ModalScreen[Choice | None]):
    """Saved views with their counts; open one, save the current filter, or delete one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="views.cancel"),
        Binding("delete", "delete", _("Delete view"), id="views.delete"),
    ]

    def __init__(self, store: LeadStore, views: list[SavedViewRow], current_text: str) -> None:
        super().__init__()
        self.store = store
        self.views = views
        self.current_text = current_text
        self.counts: dict[str, str] = {}
        self.counted = False

    @property
    def up_to_date(self) -> bool:
        """True once every view shows its count."""
        return self.counted

    def compose(self) -> ComposeResult:
        with Vertical(id="view-picker", classes="dialog"):
            yield Static(Content(_("Saved views")), classes="dialog-title")
            yield PickList(*self._options(), id="views")
            yield Static(
                Content(
                    _("Save the current filter as: {text}").format(
                        text=self.current_text or _("(every lead)")
                    )
                ),
                id="view-current",
            )
            yield Input(placeholder=_("name, Enter to save"), id="view-name", compact=True)
            yield Static(
                Content(_("Enter opens · Tab: the name box · Delete removes · Esc closes")),
                id="view-keys",
            )

    def _options(self) -> list[Option]:
        if not self.views:
            return [Option(Content(_("No saved views yet.")), id="", disabled=True)]
        width = max(len(view.name) for view in self.views)
        return [
            Option(
                Content(
                    f"{view.name:<{width}}  {self.counts.get(view.name, '…'):>12}  "
                    f"{view.filter_text or _('(every lead)')}"
                ),
                id=view.name,
            )
            for view in self.views
        ]

    def on_mount(self) -> None:
        """Count each view's leads in a worker."""
        if any(not view.builtin for view in self.views):
            self.query_one(OptionList).focus()
        else:  # only the built-in "Mine": typing names a first view of one's own
            self.query_one("#view-name", Input).focus()
        if self.views:
            self._count()
        else:
            self.counted = True

    @work(thread=True, exclusive=True, group="view-counts")
    def _count(self) -> None:
        counts: dict[str, str] = {}
        try:
            for view in self.views:
                try:
                    query = self.store.views.parse(view.filter_text)
                    found = self.store.reads.count_list(LeadFilter(query=query))
                except LeadtuiError:  # no longer reads (a stage renamed): shown uncounted
                    counts[view.name] = "?"
                    continue
                number = format_count(found.total) + ("+" if found.capped else "")
                counts[view.name] = ngettext("{n} lead", "{n} leads", found.total).format(n=number)
        finally:
            self.store.release_reader()
        self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[str, str]) -> None:
        self.counts = counts
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = highlighted
        self.counted = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the view."""
        event.stop()
        if event.option.id:
            self.dismiss(("open", event.option.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name box saves the current filter under that name."""
        event.stop()
        name = event.value.strip()
        if name:
            self.dismiss(("save", name))

    def action_delete(self) -> None:
        """Forget the highlighted view."""
        options = self.query_one(OptionList)
        if self.focused is options and options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self.dismiss(("delete", option.id))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


def open_views(
    screen: Any, current_text: str, sort: LeadSort, apply: Callable[[SavedViewRow], None]
) -> None:
    """Push the picker from ``screen`` (a store screen) and carry out what it chose."""
    store: LeadStore = screen.store
    from leadtui.store.views import builtin_views

    views = store.views.views()
    stored = {view.name.casefold() for view in views}
    views += [view for view in builtin_views() if view.name.casefold() not in stored]
    by_name = {view.name: view for view in views}

    def chosen(choice: Choice | None) -> None:
        if choice is None:
            return
        verb, name = choice
        if verb == "open":
            apply(by_name[name])
        elif verb == "save":
            before = by_name.get(name)
            run_write(
                screen,
                lambda: store.views.save_view(name, current_text, sort),
                on_done=lambda view: screen.notify(
                    _("Saved view “{name}”.").format(name=view.name), markup=False
                ),
                undo=lambda view: UndoEntry(
                    _("save view {name}").format(name=view.name),
                    (lambda: store.views.delete_view(view.name))
                    if before is None
                    else (lambda: _resave(store, before)),
                ),
            )
        else:
            gone = by_name[name]
            run_write(
                screen,
                lambda: store.views.delete_view(name),
                on_done=lambda _none: screen.notify(
                    _("Deleted view “{name}”.").format(name=name), markup=False
                ),
                undo=lambda _none: UndoEntry(
                    _("delete view {name}").format(name=name), lambda: _resave(store, gone)
                ),
            )

    screen.app.push_screen(ViewPickerScreen(store, views, current_text), chosen)


def _resave(store: LeadStore, view: SavedViewRow) -> None:
    store.views.save_view(view.name, view.filter_text, view.sort)
