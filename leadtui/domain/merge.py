"""Merging an edit into a lead that changed elsewhere meanwhile (no I/O).

The form knows what the lead was when it opened (``base``), what the user made of it
(``mine``) and what the database holds now (``theirs``). Only the fields the user
changed are taken from ``mine``; every other field keeps the other writer's value, so
saving a merge never undoes someone else's change to a field the user did not touch.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from leadtui.domain.rows import LeadInput

FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(LeadInput))


def _value(data: LeadInput, name: str) -> object:
    value = getattr(data, name)
    return sorted(value) if name == "tags" else value


@dataclass(frozen=True, slots=True)
class Merge:
    """Who changed which field, and the lead a merge saves."""

    mine: frozenset[str]
    """Fields the user changed."""
    theirs: frozenset[str]
    """Fields the other writer changed."""
    merged: LeadInput
    """What saving the merge writes."""
    current: LeadInput
    """What the database holds now."""

    @property
    def both(self) -> frozenset[str]:
        """Fields both changed, to different values (the user's value is the one saved)."""
        return frozenset(
            name
            for name in self.mine & self.theirs
            if _value(self.merged, name) != _value(self.current, name)
        )


def merge_edit(base: LeadInput, mine: LeadInput, theirs: LeadInput) -> Merge:
    """``theirs`` with the fields the user changed (``mine`` against ``base``) applied."""
    own = frozenset(name for name in FIELDS if _value(mine, name) != _value(base, name))
    other = frozenset(name for name in FIELDS if _value(theirs, name) != _value(base, name))
    changes = {name: getattr(mine, name) for name in own}
    if "tags" in changes:
        changes["tags"] = list(mine.tags)
    merged = dataclasses.replace(theirs, **changes)
    return Merge(own, other, merged, theirs)
