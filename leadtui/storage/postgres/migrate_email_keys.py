"""PostgreSQL migration step: recompute email keys (see :mod:`leadtui.storage.email_keys`)."""

from __future__ import annotations

from typing import Any

import psycopg

from leadtui.storage.email_keys import key_updates


def recompute_email_keys(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Give every lead the key today's :func:`email_key` computes (idempotent)."""

    def held(keys: list[str]) -> set[str]:
        found = conn.execute("SELECT email_key FROM lead WHERE email_key = ANY(%s)", (keys,))
        return {row[0] for row in found}

    with conn.cursor(name="leadtui_email_keys") as rows:  # server-side: 1M rows stream
        rows.execute("SELECT id, email, email_key FROM lead ORDER BY id")
        candidates = [row for row in rows if row[1] is not None and not row[1].isascii()]
    updates = key_updates(candidates, held)
    with conn.cursor() as cursor:
        cursor.executemany("UPDATE lead SET email_key = %s WHERE id = %s", updates)
