"""The dialect-neutral half of an import batch: what a duplicate row changes on a lead,
and the undo data the batch row keeps (both backends' ``import_batch`` modules do the SQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from leadtui.domain.timefmt import format_db_time
from leadtui.storage.columns import LEAD

KEPT = tuple(column for column in LEAD.names if column != "id")
"""The lead columns a before-image keeps (and a revert writes back)."""
_NOT_UPDATED = {"created_at", "email_key", "phone_e164"}
_BLANK = (None, "", 0, False)
COUNTS = ("rows_read", "imported", "updated", "merged", "skipped", "rejected")
"""The batch row's count columns, in the order :func:`counts_of` gives them."""


class ImportRow(Protocol):
    """What the import hands over of one converted row (``io.row_outcome.Converted``)."""

    values: dict[str, Any]
    given: set[str]
    tags: list[str]
    notes: list[str]


def combine(current: dict[str, Any], row: ImportRow, mode: str) -> dict[str, Any]:
    """The column changes ``row`` makes to ``current`` (update: overwrite; merge: fill blanks).

    Consent is always taken from the file: an unsubscribe must not be lost.
    """
    changes: dict[str, Any] = {}
    for name in row.given:
        if name in _NOT_UPDATED or name not in current:
            continue
        value = row.values[name]
        if isinstance(value, datetime):
            value = format_db_time(value)
        if mode == "merge" and name != "consent" and current[name] not in _BLANK:
            continue
        if current[name] != value:
            changes[name] = value
    if "email" in changes:
        changes["email_key"] = row.values.get("email_key")
    if "phone" in changes:
        changes["phone_e164"] = row.values.get("phone_e164")
    return changes


@dataclass(frozen=True, slots=True)
class LeadUpdate:
    """What the duplicate rows of one existing lead do to it."""

    changes: dict[str, Any]
    tags: list[str]
    notes: list[str]

    @property
    def empty(self) -> bool:
        """True when the rows change nothing (no column, tag or note)."""
        return not (self.changes or self.tags or self.notes)


def plan_update(current: dict[str, Any], rows: Sequence[ImportRow], mode: str) -> LeadUpdate:
    """Fold the duplicate rows of one lead, in file order, into one update."""
    changes: dict[str, Any] = {}
    for row in rows:
        changes.update(combine({**current, **changes}, row, mode))
    tags = sorted({tag for row in rows for tag in row.tags})
    notes = [note for row in rows for note in row.notes]
    return LeadUpdate(changes, tags, notes)


def undo_data(
    before: Iterable[tuple[int, dict[str, Any], int]],
    versions: dict[int, int],
    added: Iterable[tuple[str, int]],
    floor: int,
) -> dict[str, Any]:
    """The ``undo`` part of a batch's report: before-images ``(id, image, version now)``,
    the versions the import leaves on its new leads (a later change raises them, see
    :mod:`leadtui.storage.import_touched`), the rows it added to existing leads and the
    highest tag id before it."""
    kinds: dict[str, list[int]] = {"activity": [], "change": []}
    for kind, row_id in added:
        kinds[kind].append(row_id)
    images = [
        image | {"id": lead_id, "version_after": version} for lead_id, image, version in before
    ]
    return {"before": images, **kinds, "tag_floor": floor, "versions": versions}


def counts_of(counts: dict[str, Any]) -> tuple[int, ...]:
    """The batch row's counts from a report's ``as_dict``, in :data:`COUNTS` order."""
    return tuple(int(counts[name]) for name in COUNTS)
