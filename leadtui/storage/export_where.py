"""The export's row selection, for either dialect's placeholder (``?`` or ``%s``)."""

from __future__ import annotations


def export_where(
    stage: str | None,
    lead_id: int | None,
    ids: tuple[str, list[object]] | None,
    mark: str,
) -> tuple[str, list[object]]:
    """The WHERE condition and its bound values: live leads, then the optional narrowing.

    ``ids`` is a list filter's matching-ids subquery and its parameters.
    """
    where, params = ["deleted_at IS NULL"], list[object]()
    if ids is not None:
        where.append(f"id IN ({ids[0]})")
        params.extend(ids[1])
    if stage:
        where.append(f"stage = {mark}")
        params.append(stage)
    if lead_id is not None:
        where.append(f"id = {mark}")
        params.append(str(lead_id))
    return " AND ".join(where), params
