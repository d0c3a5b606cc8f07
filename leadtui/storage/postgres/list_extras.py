"""Phone and tags of a page of leads in two queries (``leadtui list --json``)."""

from __future__ import annotations

from typing import Any

import psycopg


def phones_and_tags(
    conn: psycopg.Connection[tuple[Any, ...]], ids: list[int]
) -> dict[int, tuple[str, list[str]]]:
    """``{lead id: (phone, tags alphabetically)}`` for the leads of ``ids`` that exist."""
    wanted = sorted(set(ids))
    found: dict[int, tuple[str, list[str]]] = {
        int(lead_id): (str(phone or ""), [])
        for lead_id, phone in conn.execute(
            "SELECT id, phone FROM lead WHERE id = ANY(%s)", (wanted,)
        )
    }
    for lead_id, name in conn.execute(
        "SELECT lt.lead_id, t.name FROM leadtag lt JOIN tag t ON t.id = lt.tag_id "
        "WHERE lt.lead_id = ANY(%s) ORDER BY lt.lead_id, leadtui_nocase(t.name), t.name",
        (wanted,),
    ):
        found[int(lead_id)][1].append(str(name))
    return found
