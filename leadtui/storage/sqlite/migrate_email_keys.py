"""SQLite migration step: recompute email keys (see :mod:`leadtui.storage.email_keys`)."""

from __future__ import annotations

import sqlite3

from leadtui.storage.email_keys import key_updates


def recompute_email_keys(conn: sqlite3.Connection) -> None:
    """Give every lead the key today's :func:`email_key` computes (idempotent)."""

    def held(keys: list[str]) -> set[str]:
        marks = ", ".join("?" * len(keys))
        query = f"SELECT email_key FROM lead WHERE email_key IN ({marks})"  # marks only
        return {row[0] for row in conn.execute(query, keys)}

    rows = conn.execute("SELECT id, email, email_key FROM lead ORDER BY id")
    updates = key_updates(rows, held)
    conn.executemany("UPDATE lead SET email_key = ? WHERE id = ?", updates)
