"""When a stage is removed and its leads move, the saved views that named it follow them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from leadtui.domain.filter_query import Vocabulary


def follow(
    session: Session, vocabulary: Vocabulary, old: str, new: str, now: datetime
) -> tuple[str, ...]:
    """Point the saved views that name stage ``old`` at ``new``; their names.

    A view whose filter no longer reads for another reason is left as it was (the view
    picker shows it uncounted and the user can fix it).
    """
    from sqlmodel import select

    from leadtui.domain.filter_query import FilterSyntaxError, parse, render
    from leadtui.domain.filter_stage_move import move_stage
    from leadtui.storage.models import SavedView

    changed = []
    for view in session.exec(select(SavedView)).all():
        try:
            query = parse(view.filter_text, vocabulary)
        except FilterSyntaxError:
            continue
        moved = move_stage(query, old, new)
        if moved != query:
            view.filter_text = render(moved)
            view.updated_at = now
            session.add(view)
            changed.append(view.name)
    return tuple(sorted(changed, key=str.casefold))
