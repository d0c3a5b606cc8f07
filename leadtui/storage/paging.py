"""Dialect-neutral paging arithmetic shared by the SQLite and PostgreSQL list reads."""

from __future__ import annotations


def page_window(offset: int, limit: int, total: int | None) -> tuple[int, int, bool] | None:
    """``(offset, limit, from_end)`` for the page read; ``None`` when it holds no rows.

    A page in the second half of a known ``total`` is read from the end (the reverse
    sort, a short OFFSET) and reversed by the caller, so End costs what Home does.
    """
    offset = max(0, offset)
    from_end = total is not None and offset > total // 2
    if from_end and total is not None:
        end_offset = max(0, total - offset - limit)
        limit = min(limit, total - offset)
        if limit <= 0:
            return None
        offset = end_offset
    return offset, limit, from_end
