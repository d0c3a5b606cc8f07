"""Schema step: stage cadences and the going-cold index (idempotent, self-contained).

Creates the ``stagecadence`` table (declared in :mod:`leadtui.storage.columns`) and
the ``ix_live_stage_activity`` index if they are missing, so running it twice, or on
a database that already has them, changes nothing.
"""

from __future__ import annotations

import sqlite3

from leadtui.storage.columns import STAGE_CADENCE
from leadtui.storage.sqlite.schema import STAGE_ACTIVITY_INDEX
from leadtui.storage.sqlite.tables import create_table


def add_cadences(conn: sqlite3.Connection) -> None:
    """Add the cadence table and the agenda's going-cold index when missing."""
    create = create_table(STAGE_CADENCE).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
    conn.execute(create)
    conn.execute(STAGE_ACTIVITY_INDEX)
