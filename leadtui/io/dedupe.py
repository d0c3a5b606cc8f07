"""Duplicates within one import: which row or lead a row matches, and merging into it.

Duplicates are found by normalised email key, then by E.164 phone, in the rows
of this chunk not yet written and among the leads the database already has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from leadtui.i18n import _
from leadtui.io.row_outcome import Converted


class Where(NamedTuple):
    """The data row and file line of a converted row (cheaper than an Issue per row)."""

    row: int
    line: int


@dataclass(slots=True)
class Target:
    """Where a duplicate row goes: a lead already in the database, or a new row of this chunk."""

    lead_id: int | None = None
    pending: int | None = None
    why: str = ""
    column: str = "email"


def find_duplicate(
    key: str | None,
    phone: str | None,
    known_emails: dict[str, tuple[int, bool]],
    known_phones: dict[str, tuple[int, str | None]],
    pending_email: dict[str, int],
    pending_phone: dict[str, int],
    pending: list[tuple[Where, Converted]],
) -> Target | None:
    """Where a row with this email key and E.164 phone goes, or ``None`` for a new lead.

    The email decides first; a phone match counts only when one side has no email.
    """
    if key:
        if key in pending_email:
            first = pending[pending_email[key]][0]
            return Target(
                pending=pending_email[key],
                why=_("same email as row {row}").format(row=first.row),
            )
        if key in known_emails:
            lead_id, deleted = known_emails[key]
            return Target(
                lead_id=lead_id,
                why="deleted" if deleted else _("same email as lead {id}").format(id=lead_id),
            )
    if phone:
        if phone in pending_phone:
            index = pending_phone[phone]
            other = pending[index][1].values.get("email_key")
            if not key or not other:
                return Target(
                    pending=index,
                    column="phone",
                    why=_("same phone as row {row}").format(row=pending[index][0].row),
                )
        if phone in known_phones:
            lead_id, other = known_phones[phone]
            if not key or not other:
                return Target(
                    lead_id=lead_id,
                    column="phone",
                    why=_("same phone as lead {id}").format(id=lead_id),
                )
    return None


def merge_pending(first: Converted, later: Converted, mode: str) -> None:
    """Apply a later duplicate row to a new lead not yet written."""
    for name in later.given:
        value = later.values[name]
        if mode == "update" or name == "consent" or not first.values.get(name):
            first.values[name] = value
            first.given.add(name)
    first.tags = sorted(set(first.tags) | set(later.tags))
    first.notes += later.notes
