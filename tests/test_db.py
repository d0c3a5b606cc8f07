"""The database file: PRAGMAs, permissions, refusing files that are not ours, migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fixed_clock
from schema_v1 import downgrade_to_v1

import leadtui.storage.schema_version
import leadtui.storage.sqlite.db
from leadtui.domain.errors import DatabaseRefused
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.sqlite.connect import connect_sqlite
from leadtui.storage.sqlite.db import APPLICATION_ID, Migration
from leadtui.store import LeadStore


def sha256(path: Path) -> str:
    """The file's content hash."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    """Permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


def pragma(conn: sqlite3.Connection, name: str) -> object:
    """One PRAGMA's value."""
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def fresh(path: Path) -> sqlite3.Connection:
    """A plain stdlib connection with none of leadtui's settings."""
    return sqlite3.connect(path)


def assert_refused_unchanged(path: Path, match: str) -> None:
    """Opening ``path`` is refused, and neither it nor its folder changes."""
    before = sha256(path)
    listing = sorted(os.listdir(path.parent))
    with pytest.raises(DatabaseRefused, match=match):
        open_store(path, clock=fixed_clock)
    assert sha256(path) == before
    assert sorted(os.listdir(path.parent)) == listing


class TestPragmas:
    def test_file_header_after_a_write(self, store: LeadStore) -> None:
        store.leads.add_lead(LeadInput(first_name="Ana"))
        conn = fresh(store.path)
        try:
            assert pragma(conn, "journal_mode") == "wal"
            assert pragma(conn, "application_id") == APPLICATION_ID
            assert pragma(conn, "user_version") == leadtui.storage.schema_version.SCHEMA_VERSION
            assert conn.execute("SELECT count(*) FROM lead").fetchone()[0] == 1
        finally:
            conn.close()

    def test_engine_connections(self, store: LeadStore) -> None:
        with store.engine().connect() as conn:
            values = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
        assert values["journal_mode"] == "wal"
        assert values["synchronous"] == 2  # FULL
        assert values["foreign_keys"] == 1
        assert isinstance(values["busy_timeout"], int) and values["busy_timeout"] >= 5000

    def test_stdlib_connections(self, store: LeadStore) -> None:
        conn = connect_sqlite(store.path)
        try:
            assert pragma(conn, "synchronous") == 2
            assert pragma(conn, "foreign_keys") == 1
            assert int(str(pragma(conn, "busy_timeout"))) >= 5000
        finally:
            conn.close()

    def test_writes_begin_immediate(self, store: LeadStore) -> None:
        """A write transaction holds the write lock from its first statement."""
        other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
        try:
            with store.engine().begin() as conn:
                conn.exec_driver_sql("SELECT 1")
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()

    def test_foreign_keys_enforced(self, store: LeadStore) -> None:
        with pytest.raises(Exception, match="FOREIGN KEY"), store.engine().begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO activity (lead_id, kind, at, body) VALUES (99, 'note', "
                "'2026-01-01 00:00:00', '')"
            )


class TestPermissions:
    def test_private_file_folder_and_wal(self, db_path: Path) -> None:
        old = os.umask(0o022)
        try:
            opened = open_store(db_path, clock=fixed_clock)
        finally:
            os.umask(old)
        try:
            opened.leads.add_lead(LeadInput(first_name="Ana"))
            opened.reads.count_list(LeadFilter())  # keeps a reader open: -wal/-shm exist
            assert mode(db_path.parent) == 0o700
            assert mode(db_path) == 0o600
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                assert side.exists() and mode(side) == 0o600
        finally:
            opened.close()


class TestRefusals:
    def test_another_applications_sqlite_file(self, tmp_path: Path) -> None:
        path = tmp_path / "other.db"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('precious')")
        conn.commit()
        conn.close()
        assert_refused_unchanged(path, "another application")

    def test_newer_schema(self, db_path: Path) -> None:
        open_store(db_path, clock=fixed_clock).close()
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute(f"PRAGMA user_version={leadtui.storage.schema_version.SCHEMA_VERSION + 1}")
        conn.close()
        assert_refused_unchanged(db_path, "newer leadtui")

    def test_garbage_file(self, tmp_path: Path) -> None:
        path = tmp_path / "garbage.db"
        path.write_bytes(os.urandom(4096))
        assert_refused_unchanged(path, "not a SQLite database")

    def test_text_file_longer_than_a_header(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.txt"
        path.write_text("SQLite format 2 is what this pretends to be\n" * 20)
        assert_refused_unchanged(path, "not a SQLite database")

    def test_zero_byte_file(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.db"
        path.touch()
        assert_refused_unchanged(path, "empty")

    def test_directory(self, tmp_path: Path) -> None:
        with pytest.raises(DatabaseRefused, match="directory"):
            open_store(tmp_path, clock=fixed_clock)

    def test_creation_leaves_only_the_database(self, db_path: Path) -> None:
        open_store(db_path, clock=fixed_clock).close()
        assert os.listdir(db_path.parent) == ["leads.db"]

    def test_crash_while_creating_leaves_no_file(
        self, db_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def crash() -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(leadtui.storage.sqlite.db, "schema_version", crash)
        with pytest.raises(KeyboardInterrupt):
            open_store(db_path, clock=fixed_clock)
        assert not db_path.exists()
        monkeypatch.undo()
        opened = open_store(db_path, clock=fixed_clock)
        opened.close()
        assert os.listdir(db_path.parent) == ["leads.db"]

    def test_missing_without_create(self, tmp_path: Path) -> None:
        with pytest.raises(DatabaseRefused):
            open_store(tmp_path / "nope.db", create=False)
        assert not (tmp_path / "nope.db").exists()


NOW = leadtui.storage.schema_version.SCHEMA_VERSION
"""The schema version this leadtui writes (the migration tests go one further)."""


@pytest.fixture
def v1_database(db_path: Path) -> Path:
    """A leadtui database at schema 1 (the first release) holding one lead."""
    opened = open_store(db_path, clock=fixed_clock)
    opened.leads.add_lead(LeadInput(first_name="Before", last_name="Migration"))
    opened.close()
    downgrade_to_v1(db_path)
    return db_path


@pytest.fixture
def schema_v2(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[int, Migration]]:
    """Pretend this leadtui writes schema ``NOW + 1``; fill the returned dict's ``NOW`` step."""
    steps: dict[int, Migration] = dict(leadtui.storage.sqlite.db.MIGRATIONS)
    monkeypatch.setattr(leadtui.storage.schema_version, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setattr(leadtui.storage.sqlite.db, "MIGRATIONS", steps)
    yield steps


def dump(path: Path) -> list[str]:
    """The database's logical content (schema and rows)."""
    conn = fresh(path)
    try:
        return [*conn.iterdump(), f"user_version={pragma(conn, 'user_version')}"]
    finally:
        conn.close()


class TestMigrations:
    def test_backup_then_migrate(self, v1_database: Path, schema_v2: dict[int, Migration]) -> None:
        def add_nickname(conn: sqlite3.Connection) -> None:
            conn.execute("ALTER TABLE lead ADD COLUMN nickname TEXT")

        schema_v2[NOW] = add_nickname
        opened = open_store(v1_database, clock=fixed_clock)
        try:
            assert opened.reads.count_list(LeadFilter()).total == 1
        finally:
            opened.close()
        conn = fresh(v1_database)
        try:
            assert pragma(conn, "user_version") == NOW + 1
            columns = [row[1] for row in conn.execute("PRAGMA table_info(lead)")]
            assert "nickname" in columns
        finally:
            conn.close()
        backups = sorted(backup_dir(v1_database).glob("*.db"))
        assert len(backups) == 1 and "pre-migration-v1-" in backups[0].name
        assert mode(backups[0]) == 0o600 and mode(backups[0].parent) == 0o700
        conn = fresh(backups[0])
        try:
            assert pragma(conn, "application_id") == APPLICATION_ID
            assert pragma(conn, "user_version") == 1
            assert conn.execute("SELECT first_name FROM lead").fetchall() == [("Before",)]
        finally:
            conn.close()

    def test_failing_migration_leaves_db_unchanged(
        self, v1_database: Path, schema_v2: dict[int, Migration]
    ) -> None:
        def broken(conn: sqlite3.Connection) -> None:
            conn.execute("ALTER TABLE lead ADD COLUMN nickname TEXT")
            conn.execute("UPDATE lead SET first_name = 'Changed'")
            conn.execute("SELECT * FROM no_such_table")

        schema_v2[NOW] = broken
        before = dump(v1_database)
        with pytest.raises(sqlite3.OperationalError):
            open_store(v1_database, clock=fixed_clock)
        assert dump(v1_database) == before

    def test_missing_step_is_refused(
        self, v1_database: Path, schema_v2: dict[int, Migration]
    ) -> None:
        before = dump(v1_database)
        with pytest.raises(DatabaseRefused, match="No migration"):
            open_store(v1_database, clock=fixed_clock)
        assert dump(v1_database) == before


def test_a_version_1_database_gains_imported_history(v1_database: Path) -> None:
    """The real 1 → 2 step: backed up first, then stagechange.imported (false for old rows)."""
    opened = open_store(v1_database, clock=fixed_clock)
    opened.close()
    conn = fresh(v1_database)
    try:
        assert pragma(conn, "user_version") == leadtui.storage.schema_version.SCHEMA_VERSION
        assert conn.execute("SELECT imported FROM stagechange").fetchall() == [(0,)]
        indexes = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        assert "ix_live_stage_money" in indexes and "ix_live_stage_value" not in indexes
    finally:
        conn.close()
    (backup,) = sorted(backup_dir(v1_database).glob("*.db"))
    assert "pre-migration-v1" in backup.name
