"""What the duplicate rules read of live leads, on psycopg (see ``sqlite/duplicate_reads``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import psycopg

from leadtui.domain.duplicates import KeyRow

Conn = psycopg.Connection[tuple[Any, ...]]
_WORD = re.compile(r"\w+", re.UNICODE)
_COLUMNS = "id, first_name, last_name, email, phone_e164, company"


def _rows(conn: Conn, sql: str, params: tuple[Any, ...]) -> list[KeyRow]:
    with conn.cursor() as cursor:
        cursor.execute(sql.encode(), params)
        return [KeyRow(*row) for row in cursor.fetchall()]


def key_rows_after(conn: Conn, after_id: int, limit: int) -> list[KeyRow]:
    """Up to ``limit`` live leads with an id above ``after_id``, by id."""
    return _rows(
        conn,
        f"SELECT {_COLUMNS} FROM lead WHERE id > %s AND deleted_at IS NULL ORDER BY id LIMIT %s",
        (after_id, limit),
    )


def key_rows(conn: Conn, ids: Sequence[int]) -> list[KeyRow]:
    """The live leads among ``ids``, by id."""
    return _rows(
        conn,
        f"SELECT {_COLUMNS} FROM lead WHERE id = ANY(%s) AND deleted_at IS NULL ORDER BY id",
        (list(ids),),
    )


def key_rows_by_phone(conn: Conn, phone_e164: str, limit: int) -> list[KeyRow]:
    """Live leads with this phone number (E.164), by id."""
    return _rows(
        conn,
        f"SELECT {_COLUMNS} FROM lead WHERE phone_e164 = %s AND deleted_at IS NULL "
        "ORDER BY id LIMIT %s",
        (phone_e164, limit),
    )


def batch_merges(conn: Conn, batch_id: int) -> list[tuple[int, int, int]]:
    """``(merge id, kept id, other id)`` of the merges touching batch ``batch_id``, newest first."""
    with conn.cursor() as cursor:
        cursor.execute(
            b"SELECT id, kept_id, other_id FROM leadmerge "
            b"WHERE kept_id IN (SELECT id FROM lead WHERE import_batch_id = %s) "
            b"OR other_id IN (SELECT id FROM lead WHERE import_batch_id = %s) ORDER BY id DESC",
            (batch_id, batch_id),
        )
        return [(int(a), int(b), int(c)) for a, b, c in cursor.fetchall()]


def not_duplicates_of(conn: Conn, lead_id: int) -> set[tuple[int, int]]:
    """The "not a duplicate" pairs ``(low_id, high_id)`` that include ``lead_id``."""
    with conn.cursor() as cursor:
        cursor.execute(
            b"SELECT low_id, high_id FROM notduplicate WHERE low_id = %s "
            b"UNION ALL SELECT low_id, high_id FROM notduplicate WHERE high_id = %s",
            (lead_id, lead_id),
        )
        return {(int(low), int(high)) for low, high in cursor.fetchall()}


def search_ids(conn: Conn, text: str, limit: int) -> list[int]:
    """Ids of up to ``limit`` leads whose search vector has every word (whole words), unsorted."""
    words = _WORD.findall(text)
    if not words:
        return []
    query = " & ".join(words)  # letters and digits only: no tsquery operator
    with conn.cursor() as cursor:
        cursor.execute(
            b"SELECT id FROM lead WHERE search @@ to_tsquery('simple', leadtui_fold(%s)) LIMIT %s",
            (query, limit),
        )
        return [int(row[0]) for row in cursor.fetchall()]


def search_index_mismatches(conn: Conn) -> int:
    """How many leads' search vectors differ from what their name, email and company give."""
    row = conn.execute(
        "SELECT count(*) FROM lead WHERE search IS DISTINCT FROM "
        "leadtui_search_doc(first_name, last_name, email, company)"
    ).fetchone()
    return int(row[0]) if row else 0
