"""PostgreSQL triggers that keep the summary tables (see :mod:`leadtui.storage.summary`).

The same rules as the SQLite triggers: every write to ``lead`` or ``stagechange``
(ORM, COPY, revert, forget) moves the lead's key in the same transaction; a key
whose count drops to zero loses its row.
"""

from __future__ import annotations

from leadtui.storage.summary import REACHED_POSTGRES, WATCHED_COLUMNS

_PUT = """
CREATE OR REPLACE FUNCTION leadtui_summary_put(r lead, sign integer) RETURNS void AS $$
BEGIN
  IF r.deleted_at IS NOT NULL THEN RETURN; END IF;
  INSERT INTO leadsummary AS s (source, month, stage, currency, reached, leads, cents)
  VALUES (r.source, substr(r.created_at, 1, 7), r.stage, r.currency,
          coalesce((SELECT x.reached FROM leadreach x WHERE x.lead_id = r.id), ''),
          sign, sign * r.value_cents)
  ON CONFLICT (source, month, stage, currency, reached)
  DO UPDATE SET leads = s.leads + excluded.leads, cents = s.cents + excluded.cents;
  IF sign < 0 THEN
    DELETE FROM leadsummary s WHERE s.leads = 0 AND s.source = r.source
      AND s.month = substr(r.created_at, 1, 7) AND s.stage = r.stage
      AND s.currency = r.currency
      AND s.reached = coalesce((SELECT x.reached FROM leadreach x WHERE x.lead_id = r.id), '');
  END IF;
  IF r.next_followup_at IS NOT NULL THEN
    INSERT INTO followupsummary AS f (stage, hour, leads)
    VALUES (r.stage, substr(r.next_followup_at, 1, 13), sign)
    ON CONFLICT (stage, hour) DO UPDATE SET leads = f.leads + excluded.leads;
    IF sign < 0 THEN
      DELETE FROM followupsummary f WHERE f.leads = 0 AND f.stage = r.stage
        AND f.hour = substr(r.next_followup_at, 1, 13);
    END IF;
  END IF;
END $$ LANGUAGE plpgsql
"""

_REACH = f"""
CREATE OR REPLACE FUNCTION leadtui_summary_reach(p_lead bigint) RETURNS void AS $$
DECLARE
  r lead%ROWTYPE;
  was text;
  now_reached text;
BEGIN
  SELECT * INTO r FROM lead WHERE id = p_lead;
  IF NOT FOUND THEN RETURN; END IF;
  was := coalesce((SELECT x.reached FROM leadreach x WHERE x.lead_id = p_lead), '');
  now_reached := {REACHED_POSTGRES.format(lead="p_lead")};
  IF was = now_reached THEN RETURN; END IF;
  PERFORM leadtui_summary_put(r, -1);
  INSERT INTO leadreach AS x (lead_id, reached) VALUES (p_lead, now_reached)
  ON CONFLICT (lead_id) DO UPDATE SET reached = excluded.reached;
  PERFORM leadtui_summary_put(r, 1);
END $$ LANGUAGE plpgsql
"""

_LEAD_TRIGGER = """
CREATE OR REPLACE FUNCTION leadtui_summary_lead() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM leadtui_summary_put(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM leadtui_summary_put(NEW, 1); END IF;
  IF TG_OP = 'DELETE' THEN DELETE FROM leadreach WHERE lead_id = OLD.id; END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""

_CHANGE_TRIGGER = """
CREATE OR REPLACE FUNCTION leadtui_summary_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM leadtui_summary_reach(OLD.lead_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM leadtui_summary_reach(NEW.lead_id); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""

_CHANGED = " OR ".join(f"OLD.{name} IS DISTINCT FROM NEW.{name}" for name in WATCHED_COLUMNS)

SUMMARY_DDL: tuple[str, ...] = (
    _PUT,
    _REACH,
    _LEAD_TRIGGER,
    _CHANGE_TRIGGER,
    "DROP TRIGGER IF EXISTS summary_lead_write ON lead",
    "CREATE TRIGGER summary_lead_write AFTER INSERT OR DELETE ON lead "
    "FOR EACH ROW EXECUTE FUNCTION leadtui_summary_lead()",
    "DROP TRIGGER IF EXISTS summary_lead_update ON lead",
    f"CREATE TRIGGER summary_lead_update AFTER UPDATE ON lead FOR EACH ROW WHEN ({_CHANGED}) "
    "EXECUTE FUNCTION leadtui_summary_lead()",
    "DROP TRIGGER IF EXISTS summary_change_write ON stagechange",
    "CREATE TRIGGER summary_change_write AFTER INSERT OR DELETE ON stagechange "
    "FOR EACH ROW EXECUTE FUNCTION leadtui_summary_change()",
    "DROP TRIGGER IF EXISTS summary_change_update ON stagechange",
    "CREATE TRIGGER summary_change_update AFTER UPDATE OF lead_id, to_stage ON stagechange "
    "FOR EACH ROW EXECUTE FUNCTION leadtui_summary_change()",
)
"""The summary functions and triggers (idempotent: ``OR REPLACE``, drop then create)."""
