"""The dialect-neutral half of forgetting a person (both backends' ``erasure`` modules
do the SQL): which leads are the same person, and the import revert data cut out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable


def with_merged_away(lead_ids: list[int], merged_into: Callable[[int], Iterable[int]]) -> list[int]:
    """``lead_ids`` and every lead merged into them, at any depth.

    ``merged_into(kept)`` gives the ids merged into lead ``kept`` (``leadmerge``). A
    merged-away lead stays as a soft-deleted row (so the merge can be undone): it is the
    same person, so forgetting the survivor erases it too.
    """
    found, todo = list(dict.fromkeys(lead_ids)), list(lead_ids)
    while todo:
        for other in merged_into(todo.pop()):
            if other not in found:
                found.append(other)
                todo.append(other)
    return found


def scrubbed_report(text: str, lead_ids: set[int]) -> str | None:
    """A batch's report without the before-images of ``lead_ids``, or ``None`` if it had none."""
    report = json.loads(text)
    undo = report.get("undo", {})
    before = undo.get("before", [])
    kept = [item for item in before if item.get("id") not in lead_ids]
    if len(kept) == len(before):
        return None
    undo["before"] = kept
    return json.dumps(report, ensure_ascii=False)
