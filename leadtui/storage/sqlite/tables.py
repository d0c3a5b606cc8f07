"""The tables and their indexes as SQLite DDL, for creating a database without the ORM.

This is exactly what ``SQLModel.metadata.create_all`` issues for :mod:`leadtui.storage.models`
(``tests/test_schema_sql.py`` checks it and prints the new text when a model changes).
Creating a database this way spares a first run or a first ``leadtui import`` the
import of SQLModel and SQLAlchemy, most of a second.
"""

from __future__ import annotations

TABLES_DDL: tuple[str, ...] = (
    "CREATE TABLE stage (\n"
    '\t"key" VARCHAR(40) NOT NULL, \n'
    "\tname VARCHAR(80) NOT NULL, \n"
    "\tposition INTEGER NOT NULL, \n"
    "\tkind VARCHAR(10) NOT NULL, \n"
    '\tPRIMARY KEY ("key"), \n'
    "\tUNIQUE (position)\n"
    ")",
    "CREATE TABLE tag (\n"
    "\tid INTEGER NOT NULL, \n"
    "\tname VARCHAR(60) NOT NULL, \n"
    "\tPRIMARY KEY (id), \n"
    "\tUNIQUE (name)\n"
    ")",
    "CREATE TABLE importbatch (\n"
    "\tid INTEGER NOT NULL, \n"
    "\tat VARCHAR(19) NOT NULL, \n"
    "\tfile_name VARCHAR(500) NOT NULL, \n"
    "\tfile_format VARCHAR(40) NOT NULL, \n"
    "\trows_read INTEGER NOT NULL, \n"
    "\timported INTEGER NOT NULL, \n"
    "\tupdated INTEGER NOT NULL, \n"
    "\tmerged INTEGER NOT NULL, \n"
    "\tskipped INTEGER NOT NULL, \n"
    "\trejected INTEGER NOT NULL, \n"
    "\treverted_at VARCHAR(19), \n"
    "\treport_json VARCHAR DEFAULT '' NOT NULL, \n"
    "\tPRIMARY KEY (id)\n"
    ")",
    "CREATE TABLE tombstone (\n"
    "\tid INTEGER NOT NULL, \n"
    "\tforgotten_at VARCHAR(19) NOT NULL, \n"
    "\tPRIMARY KEY (id)\n"
    ")",
    "CREATE TABLE lead (\n"
    "\tid INTEGER NOT NULL, \n"
    "\tfirst_name VARCHAR(200) NOT NULL, \n"
    "\tlast_name VARCHAR(200) NOT NULL, \n"
    "\temail VARCHAR(320), \n"
    "\temail_key VARCHAR(320), \n"
    "\tphone VARCHAR(64), \n"
    "\tphone_e164 VARCHAR(20), \n"
    "\tcompany VARCHAR(200) NOT NULL, \n"
    "\tjob_title VARCHAR(200) NOT NULL, \n"
    "\twebsite VARCHAR(500) NOT NULL, \n"
    "\tsource VARCHAR(40) NOT NULL, \n"
    "\tcampaign VARCHAR(200) NOT NULL, \n"
    "\tutm_source VARCHAR(200) NOT NULL, \n"
    "\tutm_medium VARCHAR(200) NOT NULL, \n"
    "\tutm_campaign VARCHAR(200) NOT NULL, \n"
    "\tconsent BOOLEAN NOT NULL, \n"
    "\tconsent_at VARCHAR(19), \n"
    "\tstage VARCHAR(40) NOT NULL, \n"
    "\tstage_changed_at VARCHAR(19), \n"
    "\tvalue_cents INTEGER NOT NULL, \n"
    "\tcurrency VARCHAR(3) NOT NULL, \n"
    "\tscore INTEGER, \n"
    "\tnext_followup_at VARCHAR(19), \n"
    "\tcreated_at VARCHAR(19) NOT NULL, \n"
    "\tupdated_at VARCHAR(19) NOT NULL, \n"
    "\tlast_activity_at VARCHAR(19), \n"
    "\tversion INTEGER NOT NULL, \n"
    "\tdeleted_at VARCHAR(19), \n"
    "\timport_batch_id INTEGER, \n"
    "\tPRIMARY KEY (id), \n"
    "\tUNIQUE (email_key), \n"
    '\tFOREIGN KEY(stage) REFERENCES stage ("key"), \n'
    "\tFOREIGN KEY(import_batch_id) REFERENCES importbatch (id)\n"
    ")",
    "CREATE INDEX ix_lead_phone_e164 ON lead (phone_e164)",
    "CREATE INDEX ix_lead_batch ON lead (import_batch_id)",
    "CREATE TABLE stagechange (\n"
    "\tid INTEGER NOT NULL, \n"
    "\tlead_id INTEGER NOT NULL, \n"
    "\tfrom_stage VARCHAR(40), \n"
    "\tto_stage VARCHAR(40) NOT NULL, \n"
    "\tat VARCHAR(19) NOT NULL, \n"
    "\treason VARCHAR(500) NOT NULL, \n"
    "\tPRIMARY KEY (id), \n"
    "\tFOREIGN KEY(lead_id) REFERENCES lead (id) ON DELETE CASCADE\n"
    ")",
    "CREATE INDEX ix_stagechange_lead_at ON stagechange (lead_id, at, id)",
    "CREATE TABLE activity (\n"
    "\tid INTEGER NOT NULL, \n"
    "\tlead_id INTEGER NOT NULL, \n"
    "\tkind VARCHAR(20) NOT NULL, \n"
    "\tat VARCHAR(19) NOT NULL, \n"
    "\tbody VARCHAR(20000) NOT NULL, \n"
    "\tPRIMARY KEY (id), \n"
    "\tFOREIGN KEY(lead_id) REFERENCES lead (id) ON DELETE CASCADE\n"
    ")",
    "CREATE INDEX ix_activity_lead_at ON activity (lead_id, at, id)",
    "CREATE TABLE leadtag (\n"
    "\tlead_id INTEGER NOT NULL, \n"
    "\ttag_id INTEGER NOT NULL, \n"
    "\tPRIMARY KEY (lead_id, tag_id), \n"
    "\tFOREIGN KEY(lead_id) REFERENCES lead (id) ON DELETE CASCADE, \n"
    "\tFOREIGN KEY(tag_id) REFERENCES tag (id) ON DELETE CASCADE\n"
    ")",
    "CREATE INDEX ix_leadtag_tag ON leadtag (tag_id, lead_id)",
)
