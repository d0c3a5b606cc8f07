"""Which leads of an import batch were changed after the import (dialect-neutral part).

The import writes, onto its batch row's undo data, the version every lead had when the
import finished (``versions`` for its new leads that are not at version 1, and
``version_after`` on each before-image). Every later edit, move, touch or delete raises
a lead's version, so a lead whose version moved on since then was changed by someone:
reverting must not remove or overwrite it without asking. Batches written before these
fields existed fall back to the version the import itself gives (1, or before + 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from leadtui.domain.changed import ChangedLead

Fetch = Callable[[list[int]], Iterable[tuple[int, int, str, str, str | None]]]
"""(id, version, first name, last name, email) of the given lead ids that still exist."""


def expected_versions(undo: Mapping[str, Any]) -> dict[int, int]:
    """Each updated lead's version as the import left it."""
    return {
        int(item["id"]): int(item.get("version_after", int(item["lead"]["version"]) + 1))
        for item in undo.get("before", [])
    }


def changed_leads(
    undo: Mapping[str, Any],
    new_rows: Iterable[tuple[int, int, str, str, str | None]],
    fetch_updated: Fetch,
) -> list[ChangedLead]:
    """The batch's leads (new ones from ``new_rows``, updated ones fetched) changed since.

    ``new_rows`` are the batch's own leads whose version is not 1.
    """
    after_new = {int(key): int(value) for key, value in undo.get("versions", {}).items()}
    changed = [
        ChangedLead(lead_id, first, last, email, created=True)
        for lead_id, version, first, last, email in new_rows
        if version != after_new.get(lead_id, 1)
    ]
    expected = expected_versions(undo)
    changed += [
        ChangedLead(lead_id, first, last, email, created=False)
        for lead_id, version, first, last, email in fetch_updated(sorted(expected))
        if version != expected[lead_id]
    ]
    return sorted(changed, key=lambda lead: lead.id)


def chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    """``ids`` in pieces small enough for one ``IN (...)`` list."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
