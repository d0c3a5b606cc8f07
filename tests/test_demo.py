"""Demo data: load_sample puts every lead in with its history, and --demo stays in a temp folder."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import DEMO_NOW, fixed_clock
from pg_fixtures import both_backends

from leadtui.cli import main
from leadtui.domain.money import MoneyTotals
from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.launch import AppLauncher, open_store, run_demo
from leadtui.store import LeadStore
from leadtui.store.demo import SAMPLE_FILE, demo_now, load_sample
from leadtui.ui.app import LeadApp

pytestmark = both_backends

SAMPLE: dict[str, Any] = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))


def table_count(store: LeadStore, table: str) -> int:
    """Rows in one table, read with a plain connection."""
    conn = sqlite3.connect(store.path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_demo_now_is_the_fixed_date() -> None:
    assert demo_now() == DEMO_NOW


@pytest.mark.sqlite_only("reads the SQLite file's tables directly")
def test_every_lead_with_history_and_activities(store: LeadStore) -> None:
    leads = SAMPLE["leads"]
    assert load_sample(store) == len(leads) >= 200
    assert store.reads.count_list(LeadFilter()).total == len(leads)
    assert table_count(store, "stagechange") == sum(len(lead["stage_history"]) for lead in leads)
    assert table_count(store, "activity") == sum(len(lead["activities"]) for lead in leads)
    assert table_count(store, "leadtag") == sum(len(lead["tags"]) for lead in leads)


def test_counts_and_values_per_stage_match_the_json(demo_store: LeadStore) -> None:
    leads = SAMPLE["leads"]
    counts = Counter(lead["stage"] for lead in leads)
    values: dict[str, MoneyTotals] = {}
    for lead in leads:
        money = (lead.get("currency") or "EUR", int(lead.get("value_cents") or 0))
        values[lead["stage"]] = values.get(lead["stage"], MoneyTotals()).add(*money)
    # Euros and dollars: each currency summed on its own.
    totals = {t.stage.key: (t.count, t.values) for t in demo_store.reads.stage_totals()}
    assert totals == {key: (counts[key], values[key]) for key in totals}
    assert all(count > 0 for count, _value in totals.values())


def test_history_ends_in_the_current_stage(demo_store: LeadStore) -> None:
    rows = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 1000)
    assert len(rows) == len(SAMPLE["leads"])
    for row in rows[:40]:
        history = demo_store.reads.stage_history(row.id)
        assert history[0].from_stage is None
        assert history[-1].to_stage == row.stage
        assert row.stage_changed_at == history[-1].at


def test_search_finds_sample_names(demo_store: LeadStore) -> None:
    first = SAMPLE["leads"][0]
    hits = demo_store.reads.page_list(
        LeadFilter(search=first["last_name"] or first["company"]), LeadSort(), 0, 50
    )
    assert hits


def test_shifted_load_keeps_whole_days(tmp_path: Path) -> None:
    later = DEMO_NOW + timedelta(days=10, hours=5)
    store = open_store(tmp_path / "shifted.db", clock=fixed_clock)
    try:
        load_sample(store, now=later)
        newest = store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
    finally:
        store.close()
    original = max(lead["created_at"] for lead in SAMPLE["leads"])
    expected = datetime.fromisoformat(original.replace("Z", "+00:00"))
    assert newest.created_at == expected + timedelta(days=10)


def test_missing_sample_file_is_a_clear_error(store: LeadStore, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="demo data is missing"):
        load_sample(store, path=tmp_path / "nope.json")


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, XDG data dir, TMPDIR and LEADTUI_DB all inside ``tmp_path``; returns the user db."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    user_db = home / "leads.db"
    monkeypatch.setenv("LEADTUI_DB", str(user_db))
    return user_db


def test_demo_never_touches_the_user_database(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: LeadApp, *args: Any, **kwargs: Any) -> None:
        seen["path"] = app.store.path
        seen["demo"] = app.demo
        seen["leads"] = app.store.reads.count_list(LeadFilter()).total
        seen["existed"] = app.store.path.exists()

    monkeypatch.setattr(LeadApp, "run", fake_run)
    run_demo()
    assert seen["demo"] is True and seen["existed"] is True
    assert seen["leads"] == len(SAMPLE["leads"])
    assert Path(seen["path"]).is_relative_to(tmp_path / "tmp")
    assert not Path(seen["path"]).parent.exists()  # the throwaway folder is gone
    assert not isolated_home.exists()
    assert list((tmp_path / "home").iterdir()) == []
    assert list((tmp_path / "tmp").iterdir()) == []


def test_cli_demo_flag_ignores_db_option(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths: list[Path] = []
    monkeypatch.setattr(LeadApp, "run", lambda app, *a, **k: paths.append(app.store.path))
    user_db = tmp_path / "mine.db"
    result = CliRunner().invoke(main, ["--db", str(user_db), "--demo"], obj=AppLauncher())
    assert result.exit_code == 0, result.output
    assert len(paths) == 1 and paths[0] != user_db
    assert not user_db.exists() and not isolated_home.exists()
