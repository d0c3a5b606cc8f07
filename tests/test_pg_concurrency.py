"""Concurrency on PostgreSQL (issue #17, "Tests"): several clients, one database.

- Three processes make 1,000 edits each on the same three leads, each edit a
  read-modify-write of the lead's value (+1) saved with the version it read. The claim:
  **0 lost updates** (the values add up to exactly 3,000 and every lead's version moved
  once per landed edit) and **0 errors**. A save that finds the lead changed since it
  was read is refused whole (a *conflict*, never a silent overwrite); the client reads
  again and retries, as the app's conflict dialog lets a user do. Conflicts must happen
  (the race is real) and are counted.
- ``kill -9`` of a client in the middle of a ``leadtui import`` (its ``COPY`` running):
  the server rolls the transaction back; the import is absent and nothing else changed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from conftest import fixed_clock
from postgres_server import PostgresServer
from psycopg.conninfo import conninfo_to_dict

from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.launch import open_store

CLIENTS = 3
EDITS = 1000
WORKER = Path(__file__).with_name("pg_edit_worker.py")


def test_three_clients_times_a_thousand_edits_lose_nothing(pg_url: str, tmp_path: Path) -> None:
    store = open_store(pg_url, clock=fixed_clock)
    ids = [
        store.leads.add_lead(LeadInput(first_name=f"Shared{n}", value_cents=0)).id or 0
        for n in range(3)
    ]
    store.close()
    go = tmp_path / "go"
    clients = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                pg_url,
                str(EDITS),
                str(seed),
                ",".join(map(str, ids)),
                str(go),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in range(CLIENTS)
    ]
    time.sleep(0.5)
    go.touch()  # all start together: the edits overlap
    reports = []
    for client in clients:
        out, _err = client.communicate(timeout=120)
        assert client.returncode == 0
        reports.append(json.loads(out))
    assert [report["errors"] for report in reports] == [[]] * CLIENTS
    assert [report["saved"] for report in reports] == [EDITS] * CLIENTS
    conflicts = sum(report["conflicts"] for report in reports)
    assert conflicts > 0, "the clients never raced: the test proved nothing"
    store = open_store(pg_url, clock=fixed_clock)
    try:
        leads = [store.leads.get_lead(lead_id) for lead_id in ids]
    finally:
        store.close()
    assert sum(lead.value_cents or 0 for lead in leads) == CLIENTS * EDITS  # no lost update
    assert sum(lead.version for lead in leads) == len(ids) + CLIENTS * EDITS
    print(f"{CLIENTS}x{EDITS} edits: {conflicts} conflicts retried, 0 errors, 0 lost")


def _snapshot(url: str) -> dict[str, object]:
    """Every table's row count and a digest of the lead table (what "nothing changed" means)."""
    with psycopg.connect(url, autocommit=True) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 (fixed names)
            for table in ("lead", "stagechange", "activity", "importbatch", "tag", "leadtag")
        }
        digest = conn.execute(
            "SELECT md5(string_agg(l::text, '|' ORDER BY l.id)) FROM lead AS l"
        ).fetchone()
    return {"counts": counts, "leads": digest}


def _copy_running(admin: psycopg.Connection[tuple[object, ...]], database: str) -> bool:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active'"
        " AND query ILIKE 'COPY lead%%'",
        (database,),
    ).fetchone()
    return bool(row and row[0])


def _clients_gone(admin: psycopg.Connection[tuple[object, ...]], database: str) -> bool:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (database,),
    ).fetchone()
    return bool(row and row[0] == 0)


def test_kill_9_mid_import_leaves_no_trace(
    pg_demo_url: str, pg_server: PostgresServer, tmp_path: Path
) -> None:
    rows = 60_000
    csv = tmp_path / "big.csv"
    with csv.open("w", encoding="utf-8") as out:
        out.write("first_name,last_name,email,company\n")
        for n in range(rows):
            out.write(f"Kill{n},Nueve,kill{n}@nueve.example.com,Acme {n}\n")
    before = _snapshot(pg_demo_url)
    database = str(conninfo_to_dict(pg_demo_url)["dbname"])
    env = dict(os.environ, LEADTUI_DB=pg_demo_url)
    client = subprocess.Popen(
        [sys.executable, "-m", "leadtui", "import", str(csv)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    admin_url = pg_server.url
    try:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            deadline = time.monotonic() + 60
            while not _copy_running(admin, database):
                assert client.poll() is None, "the import ended before its COPY was seen"
                assert time.monotonic() < deadline, "no COPY seen"
                time.sleep(0.005)
            os.kill(client.pid, signal.SIGKILL)
            client.wait(timeout=10)
            deadline = time.monotonic() + 30
            while not _clients_gone(admin, database):  # the server notices and rolls back
                assert time.monotonic() < deadline, "the killed client's session stayed"
                time.sleep(0.05)
    finally:
        if client.poll() is None:
            client.kill()
    assert client.returncode == -signal.SIGKILL
    assert _snapshot(pg_demo_url) == before
    store = open_store(pg_demo_url, clock=fixed_clock)
    try:
        assert store.reads.count_list(LeadFilter(search="Nueve")).total == 0
    finally:
        store.close()
