"""An import's merges, done and undone with the one merge (:mod:`leadtui.store.merge`).

``import --on-duplicate merge`` writes each row that matches an existing lead as a lead
of its own in the batch; :func:`merge_imported` then merges it into the match, so the
survivor's timeline records it and ``leadtui unmerge`` takes it back like any merge.
The file's values fill the survivor's blanks and its consent always wins (an
unsubscribe must not be lost), as the import's merge always did.

Reverting a batch undoes, first, every merge that involves one of its leads
(:func:`unmerge_batch`): deleting a batch lead must never delete another lead's
activities that were merged into it, nor leave a merged-away lead nobody can unmerge.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable

from leadtui.domain.duplicates_merge import MERGE_FIELDS, Side, is_empty
from leadtui.store.context import StoreContext
from leadtui.store.merge import MergeService
from leadtui.store.merge_snapshot import lead_values


def _sides(kept: dict[str, object], given: frozenset[str]) -> dict[str, Side]:
    """The file's value where the survivor has none, and the file's consent when it has one."""
    return {
        field: Side.OTHER
        if columns[0] in given and (field == "consent" or is_empty(field, kept))
        else Side.KEPT
        for field, columns in MERGE_FIELDS.items()
    }


def merge_imported(
    context: StoreContext, batch_id: int, pairs: Iterable[tuple[int, int, frozenset[str]]]
) -> int:
    """Merge each ``(match, new lead, given columns)`` of batch ``batch_id``; one unit of work.

    The merged-away leads' versions are written onto the batch's undo data: the merge
    is the import's own doing, not a change since the import.
    """
    from leadtui.storage.models import ImportBatch, Lead

    service = MergeService(context)
    done = 0
    with context.backend.session() as session:
        versions: dict[str, int] = {}
        for kept_id, other_id, given in pairs:
            kept = session.get(Lead, kept_id)
            sides = _sides(lead_values(kept), given) if kept is not None else None
            service.merge_in(session, kept_id, other_id, sides)  # refuses a lead gone since
            other = session.get(Lead, other_id)
            assert other is not None
            versions[str(other_id)] = other.version
            done += 1
        batch = session.get(ImportBatch, batch_id)
        if batch is not None and versions:
            report = json.loads(batch.report_json or "{}")
            undo = report.setdefault("undo", {})
            undo["versions"] = {**undo.get("versions", {}), **versions}
            batch.report_json = json.dumps(report, ensure_ascii=False)
            session.add(batch)
    return done


def unmerge_batch(context: StoreContext, batch_id: int, keep: Collection[int] = ()) -> int:
    """Take back, newest first, every merge into or out of a lead of the batch not kept.

    The merges are found without the ORM, so a revert with none loads no ORM at all.
    """
    merges = context.backend.batch_merges(batch_id)
    if not merges:
        return 0
    service = MergeService(context)
    undone = 0
    for merge_id, kept_id, other_id in merges:
        if kept_id in keep or other_id in keep:
            continue
        service.unmerge(merge_id or 0)
        undone += 1
    return undone
