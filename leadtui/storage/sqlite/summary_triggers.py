"""SQLite triggers that keep the summary tables (see :mod:`leadtui.storage.summary`).

They fire on every write to ``lead`` and ``stagechange`` (the ORM's, the bulk import's,
a revert's, a forget's), inside the writer's transaction. A trigger touches
one row per key; a key whose count drops to zero loses its row, so the tables hold
exactly what a recomputation would.
"""

from __future__ import annotations

from leadtui.storage.summary import REACHED_SQLITE, WATCHED_COLUMNS

_KEY = "(source, month, stage, currency, reached)"
_REACH_OF = "coalesce((SELECT reached FROM leadreach WHERE lead_id = {r}.id), '')"


def _add(row: str) -> str:
    return (
        f"INSERT INTO leadsummary {_KEY[:-1]}, leads, cents) "
        f"SELECT {row}.source, substr({row}.created_at, 1, 7), {row}.stage, {row}.currency, "
        f"{_REACH_OF.format(r=row)}, 1, {row}.value_cents WHERE {row}.deleted_at IS NULL "
        f"ON CONFLICT {_KEY} DO UPDATE SET leads = leads + 1, cents = cents + excluded.cents;"
    )


def _sub(row: str) -> str:
    key = (
        f"{_KEY} = ({row}.source, substr({row}.created_at, 1, 7), {row}.stage, "
        f"{row}.currency, {_REACH_OF.format(r=row)})"
    )
    return (
        f"UPDATE leadsummary SET leads = leads - 1, cents = cents - {row}.value_cents "
        f"WHERE {row}.deleted_at IS NULL AND {key};"
        f"DELETE FROM leadsummary WHERE leads = 0 AND {key};"
    )


def _follow_add(row: str) -> str:
    return (
        "INSERT INTO followupsummary (stage, hour, leads) "
        f"SELECT {row}.stage, substr({row}.next_followup_at, 1, 13), 1 "
        f"WHERE {row}.deleted_at IS NULL AND {row}.next_followup_at IS NOT NULL "
        "ON CONFLICT (stage, hour) DO UPDATE SET leads = leads + 1;"
    )


def _follow_sub(row: str) -> str:
    key = f"stage = {row}.stage AND hour = substr({row}.next_followup_at, 1, 13)"
    return (
        "UPDATE followupsummary SET leads = leads - 1 "
        f"WHERE {row}.deleted_at IS NULL AND {row}.next_followup_at IS NOT NULL AND {key};"
        f"DELETE FROM followupsummary WHERE leads = 0 AND {key};"
    )


def _refresh_reach(lead: str) -> str:
    """Take lead ``lead`` out of the summary, recompute its reached set, put it back."""
    its_key = (
        f"{_KEY} IN (SELECT l.source, substr(l.created_at, 1, 7), l.stage, l.currency, "
        f"{_REACH_OF.format(r='l')} FROM lead AS l WHERE l.id = {lead} AND l.deleted_at IS NULL)"
    )
    return (
        "UPDATE leadsummary SET leads = leads - 1, "
        f"cents = cents - (SELECT value_cents FROM lead WHERE id = {lead}) WHERE {its_key};"
        f"DELETE FROM leadsummary WHERE leads = 0 AND {its_key};"
        f"INSERT INTO leadreach (lead_id, reached) SELECT id, {REACHED_SQLITE.format(lead=lead)} "
        f"FROM lead WHERE id = {lead} "
        "ON CONFLICT (lead_id) DO UPDATE SET reached = excluded.reached;"
        f"INSERT INTO leadsummary {_KEY[:-1]}, leads, cents) "
        "SELECT l.source, substr(l.created_at, 1, 7), l.stage, l.currency, "
        f"{_REACH_OF.format(r='l')}, 1, l.value_cents FROM lead AS l "
        f"WHERE l.id = {lead} AND l.deleted_at IS NULL "
        f"ON CONFLICT {_KEY} DO UPDATE SET leads = leads + 1, cents = cents + excluded.cents;"
    )


_CHANGED = " OR ".join(f"old.{name} IS NOT new.{name}" for name in WATCHED_COLUMNS)

_REACHED_NEW = "coalesce((SELECT reached FROM leadreach WHERE lead_id = new.lead_id), '')"

SUMMARY_TRIGGERS: tuple[str, ...] = (
    "CREATE TRIGGER IF NOT EXISTS summary_lead_ai AFTER INSERT ON lead BEGIN "
    f"{_add('new')}{_follow_add('new')} END",
    "CREATE TRIGGER IF NOT EXISTS summary_lead_ad AFTER DELETE ON lead BEGIN "
    f"{_sub('old')}{_follow_sub('old')}DELETE FROM leadreach WHERE lead_id = old.id; END",
    f"CREATE TRIGGER IF NOT EXISTS summary_lead_au AFTER UPDATE ON lead WHEN {_CHANGED} BEGIN "
    f"{_sub('old')}{_follow_sub('old')}{_add('new')}{_follow_add('new')} END",
    "CREATE TRIGGER IF NOT EXISTS summary_change_ai AFTER INSERT ON stagechange "
    f"WHEN instr({_REACHED_NEW}, ',' || new.to_stage || ',') = 0 "
    f"OR (new.imported AND instr({_REACHED_NEW}, ',*,') = 0) BEGIN "
    f"{_refresh_reach('new.lead_id')} END",
    "CREATE TRIGGER IF NOT EXISTS summary_change_ad AFTER DELETE ON stagechange BEGIN "
    f"{_refresh_reach('old.lead_id')} END",
    "CREATE TRIGGER IF NOT EXISTS summary_change_au AFTER UPDATE OF lead_id, to_stage "
    f"ON stagechange BEGIN {_refresh_reach('old.lead_id')}{_refresh_reach('new.lead_id')} END",
)
"""Every summary trigger (idempotent DDL)."""
