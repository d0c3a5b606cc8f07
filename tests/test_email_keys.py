"""IDN addresses (#20 item 8): the email key folds IDNA and NFKC on the domain, and a
migration recomputes the keys of existing rows on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from conftest import fixed_clock
from hypothesis import given
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.domain.errors import DuplicateEmailError
from leadtui.domain.rows import LeadInput
from leadtui.domain.validation import email_key
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore

OLD_PAIRS = [("ana@bücher.de", 1), ("ana@xn--bcher-kva.de", 2), ("bo@ｅｘ.com", 3)]
# Lead 2 already holds lead 1's new key: lead 1 keeps its old one (a duplicate to merge).
EXPECTED = {1: "ana@bücher.de", 2: "ana@xn--bcher-kva.de", 3: "bo@ex.com"}


def old_key(email: str) -> str:
    """The key leadtui computed before (NFC and case folding only)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", email).casefold())


@pytest.mark.parametrize(
    ("email", "key"),
    [
        ("user@bücher.de", "user@xn--bcher-kva.de"),
        ("user@xn--bcher-kva.de", "user@xn--bcher-kva.de"),
        ("User@BÜCHER.de", "user@xn--bcher-kva.de"),
        ("a@ｅｘ.com", "a@ex.com"),
        ("a@ex.com", "a@ex.com"),
        ("Ñandú@ex.com", "ñandú@ex.com"),  # the local part is not the DNS's: kept
        ("x@bad..ü", "x@bad..ü"),  # not a valid IDN: folded text as it is
    ],
)
def test_the_key_folds_the_domain(email: str, key: str) -> None:
    assert email_key(email) == key


@given(st.text(alphabet="abcdefghijklmnñopqrstuvwxyzäöüéèç", min_size=1, max_size=12))
def test_unicode_and_ascii_spellings_of_a_domain_share_a_key(label: str) -> None:
    domain = f"{label}.example"
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return
    assert email_key(f"me@{domain}") == email_key(f"me@{ascii_domain}")
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in domain)
    assert email_key(f"me@{wide}") == email_key(f"me@{domain}")


@both_backends
def test_an_idn_address_is_one_lead(store: LeadStore) -> None:
    store.leads.add_lead(LeadInput(first_name="Ana", email="ana@bücher.de"))
    with pytest.raises(DuplicateEmailError):
        store.leads.add_lead(LeadInput(first_name="Ana", email="ana@xn--bcher-kva.de"))
    store.leads.add_lead(LeadInput(first_name="Bo", email="bo@ex.com"))
    assert store.leads.find_lead("bo@ｅｘ.com").first_name == "Bo"
    assert store.leads.find_lead("ANA@BÜCHER.DE").first_name == "Ana"


def _add_old_rows(store: LeadStore) -> None:
    for _email, number in OLD_PAIRS:
        store.leads.add_lead(LeadInput(first_name=f"P{number}", email=f"tmp{number}@example.com"))


def test_a_version_1_sqlite_file_is_backed_up_and_its_keys_recomputed(tmp_path: Path) -> None:
    path = tmp_path / "leads.db"
    store = open_store(path, clock=fixed_clock)
    _add_old_rows(store)
    store.close()
    conn = sqlite3.connect(path)
    for email, lead_id in OLD_PAIRS:  # as leadtui 1 stored them
        conn.execute(
            "UPDATE lead SET email = ?, email_key = ? WHERE id = ?",
            (email, old_key(email), lead_id),
        )
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    opened = open_store(path, clock=fixed_clock)
    opened.close()
    conn = sqlite3.connect(path)
    keys = dict(conn.execute("SELECT id, email_key FROM lead").fetchall())
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 2
    conn.close()
    assert keys == EXPECTED
    backups = list(backup_dir(path).glob("*pre-migration-v1-*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_version_1_postgres_database_gets_its_keys_recomputed(pg_url: str) -> None:
    import psycopg

    store = open_store(pg_url, clock=fixed_clock)
    _add_old_rows(store)
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for email, lead_id in OLD_PAIRS:
            conn.execute(
                "UPDATE lead SET email = %s, email_key = %s WHERE id = %s",
                (email, old_key(email), lead_id),
            )
        conn.execute("UPDATE leadtui_schema SET version = 1")
    for _ in range(2):  # the second open finds nothing to do
        open_store(pg_url, clock=fixed_clock).close()
    with psycopg.connect(pg_url) as conn:
        keys: dict[int, str] = dict(conn.execute("SELECT id, email_key FROM lead").fetchall())
        versions = [row[0] for row in conn.execute("SELECT version FROM leadtui_schema")]
    assert keys == EXPECTED
    assert sorted(versions) == list(range(1, SCHEMA_VERSION + 1))
