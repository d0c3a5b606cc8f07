"""SQLite-only schema pieces: the FTS5 search index and its triggers.

Kept apart so a PostgreSQL backend can supply its own search index without
touching the tables in :mod:`leadtui.storage.models`.
"""

from __future__ import annotations

import re

FTS_COLUMNS = ("first_name", "last_name", "email", "company")
FTS_PREFIXES = "1 2 3"
"""Prefix lengths with an index of their own: 1-3 letters typed are one doclist each
(schema 10 added 3; :mod:`leadtui.storage.sqlite.migrate_search_prefix`)."""

# Triggers watch name/email/company only, so stage moves never touch the index.
FTS_DDL: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS lead_fts USING fts5("
    "first_name, last_name, email, company, content='lead', content_rowid='id', "
    f"tokenize='unicode61 remove_diacritics 2', prefix='{FTS_PREFIXES}')",
    "CREATE TRIGGER IF NOT EXISTS lead_fts_ai AFTER INSERT ON lead BEGIN "
    "INSERT INTO lead_fts(rowid, first_name, last_name, email, company) "
    "VALUES (new.id, new.first_name, new.last_name, new.email, new.company); END",
    "CREATE TRIGGER IF NOT EXISTS lead_fts_ad AFTER DELETE ON lead BEGIN "
    "INSERT INTO lead_fts(lead_fts, rowid, first_name, last_name, email, company) "
    "VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.company); END",
    "CREATE TRIGGER IF NOT EXISTS lead_fts_au AFTER UPDATE OF first_name, last_name, email, "
    "company ON lead BEGIN "
    "INSERT INTO lead_fts(lead_fts, rowid, first_name, last_name, email, company) "
    "VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.company); "
    "INSERT INTO lead_fts(rowid, first_name, last_name, email, company) "
    "VALUES (new.id, new.first_name, new.last_name, new.email, new.company); END",
)

INSERT_TRIGGER = FTS_DDL[1]
DROP_INSERT_TRIGGER = "DROP TRIGGER IF EXISTS lead_fts_ai"
REBUILD_FTS = "INSERT INTO lead_fts(lead_fts) VALUES ('rebuild')"

SCORE_INDEX = "CREATE INDEX IF NOT EXISTS ix_live_score ON lead(score, id) WHERE deleted_at IS NULL"
"""Serves ``score>40`` and other score ranges of the filter language (issue 15)."""
STAGE_ACTIVITY_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_live_stage_activity "
    "ON lead(stage, last_activity_at, created_at, id) WHERE deleted_at IS NULL"
)
"""The agenda's "going cold" read: per stage, untouched leads by their last touch."""
OWNER_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_live_owner ON lead(owner, created_at, id) "
    "WHERE deleted_at IS NULL"
)
"""Serves ``owner:me`` and the "Mine" view (team mode, schema 7)."""

HIT_KEYS_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_live_hit_keys ON lead(id, created_at, next_followup_at) "
    "WHERE deleted_at IS NULL"
)
"""A search's pass over its hits (schema 14): each hit's sort key and follow-up from this
narrow index, about a hundred to a page, instead of from the wide row (a page each)."""
HIT_KEYS = "ix_live_hit_keys"

# Partial indexes over live leads, one per sort order of the list (id breaks ties).
LIST_INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS ix_live_created ON lead(created_at, id) WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_stage_created ON lead(stage, created_at, id) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_name ON lead(last_name COLLATE NOCASE, "
    "first_name COLLATE NOCASE, id) WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_company ON lead(company COLLATE NOCASE, id) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_email ON lead(email COLLATE NOCASE, id) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_followup "
    "ON lead(next_followup_at IS NULL, next_followup_at, id) WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_stage_followup ON lead(stage, next_followup_at, id) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_activity ON lead(last_activity_at, id) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_value ON lead(value_cents, id) WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_live_source ON lead(source, created_at, id) "
    "WHERE deleted_at IS NULL",
    # Stage totals per currency read this index alone (schema 2; it replaced ix_live_stage_value).
    "CREATE INDEX IF NOT EXISTS ix_live_stage_money ON lead(stage, currency, value_cents) "
    "WHERE deleted_at IS NULL",
    SCORE_INDEX,
    STAGE_ACTIVITY_INDEX,
    OWNER_INDEX,
    HIT_KEYS_INDEX,
)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn what a user typed into an FTS5 prefix query (every word must match).

    Words are quoted, so FTS operators typed by the user are plain text.
    Returns ``None`` when nothing searchable remains.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " AND ".join('"' + token.replace('"', '""') + '"*' for token in tokens)
