"""A lead of an import batch that was changed after the import (revert asks about it)."""

from __future__ import annotations

from dataclasses import dataclass

from leadtui.domain.errors import ImportRefused
from leadtui.domain.sanitize import clean_str
from leadtui.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class ChangedLead:
    """Who it is, and whether the import created it (else it updated an existing lead)."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    created: bool

    @property
    def label(self) -> str:
        """``Ana García <ana@example.org> (lead 12)``: how the CLI names it."""
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        email = f"<{self.email}>" if self.email else ""
        who = " ".join(part for part in (name, email) if part) or "-"
        return _("{who} (lead {id})").format(who=clean_str(who), id=self.id)


SHOWN = 10
"""How many changed leads a message names before "and N more"."""


def changed_names(leads: list[ChangedLead], shown: int = SHOWN) -> str:
    """The first ``shown`` leads' labels, then "… and N more"."""
    names = "; ".join(lead.label for lead in leads[:shown])
    if len(leads) > shown:
        names += _(" … and {count} more").format(count=len(leads) - shown)
    return names


def refused_revert(changed: list[ChangedLead]) -> ImportRefused:
    """The error of a revert that would lose the changes made to ``changed`` since."""
    return ImportRefused(
        ngettext(
            "{count} lead was changed since the import and would be lost: {names}. "
            "Nothing was reverted.",
            "{count} leads were changed since the import and would be lost: {names}. "
            "Nothing was reverted.",
            len(changed),
        ).format(count=len(changed), names=changed_names(changed))
    )
