"""ViewsService: saved views (segments): a named filter and sort, stored in the database.

A view keeps its filter as filter-language text (what the search box and ``--filter``
read), so it reads the same in the app, the CLI and the JSON export, and survives new
keys being added to the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from leadtui.domain.errors import NotFoundError
from leadtui.domain.filter_query import FilterQuery, Vocabulary, parse
from leadtui.domain.rows import LeadSort, SortKey
from leadtui.domain.validation import ValidationError, clean_text
from leadtui.i18n import _
from leadtui.store.context import StoreContext, unit_of_work

MAX_VIEW_NAME = 80
MAX_VIEW_FILTER = 2000


@dataclass(frozen=True, slots=True)
class SavedViewRow:
    """A saved view as screens and the CLI use it."""

    name: str
    filter_text: str
    sort: LeadSort
    builtin: bool = False
    """A view leadtui offers itself ("Mine"): not stored, cannot be deleted."""


MINE_FILTER = "owner:me"


def builtin_views() -> list[SavedViewRow]:
    """The views every database has: "Mine" (the leads assigned to the current user)."""
    return [SavedViewRow(_("Mine"), MINE_FILTER, LeadSort(), builtin=True)]


class ViewsService:
    """Save, list, find and delete views; each method is one ORM session."""

    def __init__(self, context: StoreContext) -> None:
        self.context = context
        self.backend = context.backend

    def vocabulary(self) -> Vocabulary:
        """What the filter language accepts in this database (its stages and tags)."""
        from leadtui.store.team import MAX_OWNERS

        return Vocabulary(
            stages=self.context.stage_keys(),
            tags=tuple(self.backend.all_tags()),
            owners=tuple(self.backend.team.owners(MAX_OWNERS)),
            me=self.context.actor(),
        )

    def parse(self, text: str) -> FilterQuery:
        """Read a filter against this database's stages (``FilterSyntaxError`` if it cannot)."""
        return parse(text, self.vocabulary())

    @unit_of_work
    def save_view(self, name: str, filter_text: str, sort: LeadSort) -> SavedViewRow:
        """Save (or replace) the view ``name``; the filter must parse."""
        from sqlmodel import select

        from leadtui.storage.models import SavedView

        name = clean_text(name, max_length=MAX_VIEW_NAME, field="name").strip()
        if not name:
            raise ValidationError("name", _("A view needs a name."))
        filter_text = clean_text(filter_text, max_length=MAX_VIEW_FILTER, field="filter").strip()
        self.parse(filter_text)
        now = self.context.now()
        with self.backend.session() as session:
            view = session.exec(select(SavedView).where(SavedView.name == name)).first()
            if view is None:
                view = SavedView(name=name, created_at=now, updated_at=now)
            view.filter_text = filter_text
            view.sort_key = sort.key.value
            view.descending = sort.descending
            view.updated_at = now
            session.add(view)
        return SavedViewRow(name, filter_text, sort)

    @unit_of_work
    def views(self) -> list[SavedViewRow]:
        """Every saved view, by name."""
        from sqlmodel import select

        from leadtui.storage.models import SavedView

        with self.backend.read_session() as session:
            found = session.exec(select(SavedView)).all()
            rows = [_row(view) for view in found]
        return sorted(rows, key=lambda row: (row.name.casefold(), row.name))

    @unit_of_work
    def view(self, name: str) -> SavedViewRow:
        """The view called ``name`` (case-insensitive when no exact match)."""
        views = self.views()
        exact = [view for view in views if view.name == name]
        folded = [view for view in views if view.name.casefold() == name.casefold()]
        if exact or folded:
            return (exact or folded)[0]
        for view in builtin_views():  # its name in this language, or in English ("mine")
            if name.casefold() in (view.name.casefold(), "mine"):
                return view
        raise NotFoundError(_("No saved view is called “{name}”.").format(name=name))

    @unit_of_work
    def delete_view(self, name: str) -> None:
        """Forget the view called ``name``."""
        from sqlmodel import select

        from leadtui.storage.models import SavedView

        found = self.view(name)
        if found.builtin:
            raise ValidationError(
                "name", _("“{name}” is built in; it cannot be deleted.").format(name=found.name)
            )
        exact = found.name
        with self.backend.session() as session:
            view = session.exec(select(SavedView).where(SavedView.name == exact)).first()
            if view is not None:
                session.delete(view)


def _row(view: object) -> SavedViewRow:
    from leadtui.storage.models import SavedView

    assert isinstance(view, SavedView)
    try:
        key = SortKey(view.sort_key)
    except ValueError:
        key = SortKey.CREATED
    return SavedViewRow(view.name, view.filter_text, LeadSort(key, view.descending))
