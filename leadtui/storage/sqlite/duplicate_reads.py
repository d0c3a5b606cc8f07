"""What the duplicate rules read of live leads, on the stdlib ``sqlite3`` module.

Keyset pages by id for the full scan (bounded memory at any size), primary-key
and phone-index look-ups for one lead. Fixed SQL text, bound parameters only.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leadtui.domain.duplicates import KeyRow

_WORD = re.compile(r"\w+", re.UNICODE)
_COLUMNS = "id, first_name, last_name, email, phone_e164, company"


def _rows(cursor: sqlite3.Cursor) -> list[KeyRow]:
    # Imported here: opening a database (the app's first frame) needs none of the rules.
    from leadtui.domain.duplicates import KeyRow

    return [KeyRow(*row) for row in cursor.fetchall()]


def key_rows_after(conn: sqlite3.Connection, after_id: int, limit: int) -> list[KeyRow]:
    """Up to ``limit`` live leads with an id above ``after_id``, by id."""
    return _rows(
        conn.execute(
            f"SELECT {_COLUMNS} FROM lead WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?",
            (after_id, limit),
        )
    )


def key_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[KeyRow]:
    """The live leads among ``ids``, by id."""
    # One bound JSON array (json_each) instead of a list of marks built into the text.
    return _rows(
        conn.execute(
            f"SELECT {_COLUMNS} FROM lead WHERE id IN (SELECT value FROM json_each(?)) "
            "AND deleted_at IS NULL ORDER BY id",
            (json.dumps([int(lead_id) for lead_id in ids]),),
        )
    )


def key_rows_by_phone(conn: sqlite3.Connection, phone_e164: str, limit: int) -> list[KeyRow]:
    """Live leads with this phone number (E.164), by id."""
    return _rows(
        conn.execute(
            f"SELECT {_COLUMNS} FROM lead WHERE phone_e164 = ? AND deleted_at IS NULL "
            "ORDER BY id LIMIT ?",
            (phone_e164, limit),
        )
    )


def search_ids(conn: sqlite3.Connection, text: str, limit: int) -> list[int]:
    """Ids of up to ``limit`` leads whose name, email or company has every word (whole words).

    Straight from the FTS index, unsorted and uncounted: a look-up, not a list page.
    """
    words = _WORD.findall(text)
    if not words:
        return []
    query = " AND ".join('"' + word + '"' for word in words)  # \w+ holds no quote
    rows = conn.execute(
        "SELECT rowid FROM lead_fts WHERE lead_fts MATCH ? LIMIT ?", (query, limit)
    ).fetchall()
    return [int(row[0]) for row in rows]


def batch_merges(conn: sqlite3.Connection, batch_id: int) -> list[tuple[int, int, int]]:
    """``(merge id, kept id, other id)`` of the merges touching batch ``batch_id``, newest first."""
    rows = conn.execute(
        "SELECT id, kept_id, other_id FROM leadmerge "
        "WHERE kept_id IN (SELECT id FROM lead WHERE import_batch_id = ?1) "
        "OR other_id IN (SELECT id FROM lead WHERE import_batch_id = ?1) ORDER BY id DESC",
        (batch_id,),
    ).fetchall()
    return [(int(a), int(b), int(c)) for a, b, c in rows]


def not_duplicates_of(conn: sqlite3.Connection, lead_id: int) -> set[tuple[int, int]]:
    """The "not a duplicate" pairs ``(low_id, high_id)`` that include ``lead_id``."""
    rows = conn.execute(
        "SELECT low_id, high_id FROM notduplicate WHERE low_id = ?1 "
        "UNION ALL SELECT low_id, high_id FROM notduplicate WHERE high_id = ?1",
        (lead_id,),
    ).fetchall()
    return {(int(low), int(high)) for low, high in rows}


def fts_integrity_check(conn: sqlite3.Connection) -> None:
    """Raise ``sqlite3.DatabaseError`` when the search index disagrees with the leads."""
    conn.execute("INSERT INTO lead_fts(lead_fts, rank) VALUES ('integrity-check', 1)")
