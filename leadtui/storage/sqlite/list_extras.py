"""Phone and tags of a page of leads in two queries (``leadtui list --json``)."""

from __future__ import annotations

import sqlite3

from leadtui.storage.import_touched import chunks


def phones_and_tags(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, list[str]]]:
    """``{lead id: (phone, tags alphabetically)}`` for the leads of ``ids`` that exist."""
    found: dict[int, tuple[str, list[str]]] = {}
    for part in chunks(sorted(set(ids))):
        marks = ", ".join("?" * len(part))
        for lead_id, phone in conn.execute(
            f"SELECT id, phone FROM lead WHERE id IN ({marks})", part
        ):
            found[lead_id] = (phone or "", [])
        for lead_id, name in conn.execute(
            "SELECT lt.lead_id, t.name FROM leadtag lt JOIN tag t ON t.id = lt.tag_id "
            f"WHERE lt.lead_id IN ({marks}) ORDER BY lt.lead_id, t.name COLLATE NOCASE",
            part,
        ):
            found[lead_id][1].append(name)
    return found
