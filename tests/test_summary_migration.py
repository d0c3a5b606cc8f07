"""Schema 12 → 13: an older database is backed up, gains the summary tables and is backfilled."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import psycopg
from conftest import fixed_clock
from schema_v1 import downgrade_to_v1

from leadtui.domain.rows import LeadFilter
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION


def test_a_version_one_demo_is_backed_up_migrated_and_backfilled(
    demo_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(demo_template, path)
    downgrade_to_v1(path)
    store = open_store(path, clock=fixed_clock)
    try:
        kept, recomputed = store.metrics.kept_and_recomputed()
        assert kept == recomputed
        assert store.metrics.counts() == store.reads.count_list(LeadFilter())
        assert sum(s.count for s in store.metrics.summary().funnel.stages) == 230
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        conn.close()
    (backup,) = sorted(backup_dir(path).glob("*pre-migration-v1*.db"))
    conn = sqlite3.connect(backup)
    try:
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        assert "leadsummary" not in names
    finally:
        conn.close()


def test_the_sqlite_step_is_idempotent(demo_template: Path, tmp_path: Path) -> None:
    from leadtui.storage.sqlite.migrate_summary import add_summaries

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    conn = sqlite3.connect(path)
    try:
        before = sorted(conn.execute("SELECT * FROM leadsummary WHERE leads <> 0"))
        add_summaries(conn)
        add_summaries(conn)
        assert sorted(conn.execute("SELECT * FROM leadsummary WHERE leads <> 0")) == before
        triggers = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'summary_%'"
        ).fetchone()
        assert triggers == (6,)
    finally:
        conn.close()


def _kept(conn: psycopg.Connection[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return sorted(conn.execute("SELECT * FROM leadsummary WHERE leads <> 0").fetchall())


_SUMMARY_TRIGGERS = (
    "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
    "WHERE tgname LIKE 'summary\\_%' AND NOT tgisinternal"
)
_ROW_LEVEL = 1  # pg_trigger.tgtype bit: FOR EACH ROW


def test_postgres_summary_triggers_work_per_statement(pg_demo_url: str) -> None:
    """500 new leads of one key in one statement touch their summary row once, not 500
    times (row by row, an import rewrote the same rows once per lead: quadratic)."""
    open_store(pg_demo_url, clock=fixed_clock).close()
    with psycopg.connect(pg_demo_url) as conn:
        levels = conn.execute(
            "SELECT tgname, tgtype & %s FROM pg_trigger WHERE tgname LIKE 'summary\\_%%'",
            (_ROW_LEVEL,),
        ).fetchall()
        assert levels and all(level == 0 for _name, level in levels), levels
        columns = (
            "first_name, last_name, company, job_title, website, source, campaign, "
            "utm_source, utm_medium, utm_campaign, consent, stage, value_cents, currency, "
            "created_at, updated_at, version"
        )
        conn.execute(
            f"INSERT INTO lead ({columns}) SELECT 'Bulk', '', '', '', '', 'event', '', '', "
            "'', '', false, 'new', 100, 'EUR', '2026-11-30 10:00:00', '2026-11-30 10:00:00', 1 "
            "FROM generate_series(1, 500)"
        )
        touched = conn.execute(
            "SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables "
            "WHERE relname = 'leadsummary'"
        ).fetchone()
        assert touched is not None and touched[0] <= 1
        conn.rollback()


def test_postgres_schema_twelve_is_migrated_and_backfilled(pg_demo_url: str) -> None:
    with psycopg.connect(pg_demo_url, autocommit=True) as conn:
        before = _kept(conn)
        assert before
        conn.execute("DROP TABLE leadsummary, followupsummary, leadreach")
        for table, name in conn.execute(_SUMMARY_TRIGGERS).fetchall():
            conn.execute(f"DROP TRIGGER {name} ON {table}")
        conn.execute("UPDATE leadtui_schema SET version = 12")
    store = open_store(pg_demo_url, clock=fixed_clock)
    try:
        kept, recomputed = store.metrics.kept_and_recomputed()
        assert kept == recomputed
    finally:
        store.close()
    with psycopg.connect(pg_demo_url, autocommit=True) as conn:
        assert _kept(conn) == before
        found = conn.execute("SELECT max(version) FROM leadtui_schema").fetchone()
        assert found == (SCHEMA_VERSION,)
        from leadtui.storage.postgres.migrate_summary import add_summaries

        with conn.transaction():
            add_summaries(conn)  # idempotent: again, same numbers
        assert _kept(conn) == before
