"""Lead scores in the store, on both backends: kept on every write, pinned by hand,
recomputed (equal to the incremental scores), explained, and migrated (schema 6 → 7)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from conftest import DEMO_NOW, fixed_clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.domain.rows import LeadInput, LeadSort
from leadtui.domain.scoring_rules import RulesError
from leadtui.domain.validation import ValidationError
from leadtui.launch import open_store
from leadtui.paths import backup_dir
from leadtui.storage.schema_version import SCHEMA_VERSION
from leadtui.store import LeadStore

DAY = timedelta(days=1)


def director(store: LeadStore, **fields: object) -> int:
    data = LeadInput(
        first_name="Ana",
        email="ana@acme.com",
        company="Acme",
        job_title="Sales Director",
        source="event",
        phone="+34 600 111 222",
    )
    for name, value in fields.items():
        setattr(data, name, value)
    made = store.leads.add_lead(data).id
    assert made is not None
    return made


def score_of(store: LeadStore, lead_id: int) -> int | None:
    return store.leads.get_lead(lead_id).score


@both_backends
class TestKeptOnWrites:
    """Every write that changes what a score depends on stores the new score with it."""

    def test_a_new_lead_is_scored_from_its_fields(self, store: LeadStore) -> None:
        lead_id = director(store)
        # +15 event, +10 director, +5 company, +5 ES; created now: no decay.
        assert score_of(store, lead_id) == 35
        assert not store.leads.get_lead(lead_id).score_pinned

    def test_an_edit_rescores(self, store: LeadStore) -> None:
        lead_id = director(store)
        data, version = store.leads.lead_input(lead_id)
        data.source, data.job_title = "referral", "CEO"
        assert store.leads.update_lead(lead_id, version, data).score == 50

    def test_touches_logged_and_taken_back_rescore(self, store: LeadStore) -> None:
        lead_id = director(store)
        logged = store.agenda.log_touch(lead_id, "meeting", "demo")
        assert score_of(store, lead_id) == 35 + 10 + 10  # the meeting, touched recently
        store.agenda.undo_touch(logged)
        assert score_of(store, lead_id) == 35
        activity = store.touches.add_activity(lead_id, "call", "hi")
        assert score_of(store, lead_id) == 35 + 5 + 10
        assert activity.id is not None
        store.touches.delete_activity(activity.id)
        assert score_of(store, lead_id) == 35

    def test_an_old_touch_decays(self, store: LeadStore) -> None:
        lead_id = director(store)
        store.touches.add_activity(lead_id, "call", "long ago", at=DEMO_NOW - 43 * DAY)
        # +5 the call, no recency, −6 for six full weeks without a touch.
        assert score_of(store, lead_id) == 35 + 5 - 6
        lines = [str(line) for line in store.scoring.explain(lead_id).computed.lines]
        assert lines[-1] == "−6 no touch for 6 weeks"

    def test_a_merge_and_its_undo_rescore_both_leads(self, store: LeadStore) -> None:
        kept = director(store)
        other = director(store, email=None, job_title="", company="")
        store.agenda.log_touch(other, "meeting", "demo")
        merged = store.merges.merge(kept, other)
        assert score_of(store, kept) == 35 + 10 + 10  # the meeting moved over
        store.merges.unmerge(merged.merge_id)
        assert score_of(store, kept) == 35

    def test_bulk_inserted_leads_are_scored_unless_given_a_score(self, store: LeadStore) -> None:
        now = DEMO_NOW
        rows = [
            {"first_name": "A", "source": "referral", "created_at": now, "updated_at": now},
            {
                "first_name": "B",
                "source": "referral",
                "score": 3,
                "created_at": now,
                "updated_at": now,
            },
        ]
        store.imports.bulk_insert_leads(rows)
        scored = {lead.first_name: lead for lead in map(store.leads.get_lead, (1, 2))}
        assert scored["A"].score == 20 and not scored["A"].score_pinned
        assert scored["B"].score == 3 and scored["B"].score_pinned


@both_backends
class TestPinning:
    """A score typed by hand stays until it is cleared."""

    def test_pin_holds_through_writes_and_recompute_until_unpinned(self, store: LeadStore) -> None:
        lead_id = director(store)
        store.scoring.pin(lead_id, 90)
        store.agenda.log_touch(lead_id, "call", "x")
        assert store.scoring.recompute() == 0
        report = store.scoring.explain(lead_id)
        assert (report.score, report.pinned, report.qualified) == (90, True, True)
        assert report.computed.value == 35 + 5 + 10
        assert store.scoring.unpin(lead_id) == 50
        assert not store.leads.get_lead(lead_id).score_pinned

    def test_the_form_pins_with_a_typed_score_and_unpins_when_cleared(
        self, store: LeadStore
    ) -> None:
        lead_id = director(store, score=70)
        assert (score_of(store, lead_id), store.leads.get_lead(lead_id).score_pinned) == (70, True)
        data, version = store.leads.lead_input(lead_id)
        assert data.score == 70
        data.score = None
        store.leads.update_lead(lead_id, version, data)
        assert (score_of(store, lead_id), store.leads.get_lead(lead_id).score_pinned) == (35, False)
        data, _version = store.leads.lead_input(lead_id)
        assert data.score is None  # a computed score is not offered to the form as typed

    def test_pin_refuses_out_of_range(self, store: LeadStore) -> None:
        lead_id = director(store)
        with pytest.raises(ValidationError):
            store.scoring.pin(lead_id, 101)


KINDS = st.sampled_from(["call", "email", "meeting", "form", "reply", "note", "system"])
OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.sampled_from(["event", "ads", "referral", "manual"]),
            st.sampled_from(["", "CEO", "student", "Head of sales"]),
        ),
        st.tuples(st.just("touch"), KINDS, st.integers(0, 120)),
        st.tuples(st.just("pin"), st.integers(0, 100), st.booleans()),
        st.tuples(
            st.just("edit"),
            st.sampled_from(["", "Acme"]),
            st.sampled_from(["gmail.com", "acme.com"]),
        ),
    ),
    min_size=1,
    max_size=12,
)


@both_backends
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_recompute_equals_the_incremental_scores(
    store: LeadStore, ops: list[tuple[object, ...]]
) -> None:
    leads: list[int] = []
    for op in ops:
        if op[0] == "add" or not leads:
            leads.append(director(store, source="event", job_title="", email=None))
            continue
        lead_id = leads[len(leads) // 2 if op[0] == "pin" else -1]
        if op[0] == "touch":
            store.touches.add_activity(
                lead_id, str(op[1]), "x", at=DEMO_NOW - int(str(op[2])) * DAY
            )
        elif op[0] == "pin":
            if op[2]:
                store.scoring.pin(lead_id, int(str(op[1])))
            else:
                store.scoring.unpin(lead_id)
        else:
            data, version = store.leads.lead_input(lead_id)
            data.company, data.email = str(op[1]), f"lead{lead_id}@{op[2]}"
            store.leads.update_lead(lead_id, version, data)
    for lead_id in leads:
        report = store.scoring.explain(lead_id)
        if not report.pinned:
            assert report.score == report.computed.value
    assert store.scoring.recompute() == 0


@both_backends
def test_recompute_applies_new_rules_with_progress(store: LeadStore, tmp_path: Path) -> None:
    for _ in range(3):
        director(store, email=None)
    rules = tmp_path / "scoring.toml"
    rules.write_text("[fit.source]\nevent = 70\n[qualified]\nthreshold = 50\n", encoding="utf-8")
    other = LeadStore(store.backend, clock=fixed_clock, rules_path=rules)
    seen: list[tuple[int, int]] = []
    assert other.scoring.recompute(lambda done, total: seen.append((done, total))) == 3
    assert seen[-1] == (3, 3)
    report = other.scoring.explain(1)
    assert (report.score, report.qualified) == (70, True)


def test_a_bad_rules_file_keeps_the_last_good_rules(store: LeadStore, tmp_path: Path) -> None:
    rules = tmp_path / "scoring.toml"
    rules.write_text("[fit.source]\nevent = 70\n", encoding="utf-8")
    other = LeadStore(store.backend, clock=fixed_clock, rules_path=rules)
    assert other.scoring.threshold == 60 and other.scoring.rules_error is None
    rules.write_text("[fit.source]\nevent = seventy\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"scoring.toml: Not valid TOML"):
        other.scoring.reload_rules()
    assert other.scoring.rules_error is not None and "\n" not in other.scoring.rules_error
    assert score_of(other, director(other)) == 70  # writes go on with the last good rules


def test_init_writes_the_commented_default_once(store: LeadStore, tmp_path: Path) -> None:
    rules = tmp_path / "config" / "scoring.toml"
    other = LeadStore(store.backend, clock=fixed_clock, rules_path=rules)
    assert other.scoring.init_rules_file()
    assert not other.scoring.init_rules_file()
    assert "[qualified]" in rules.read_text(encoding="utf-8")
    assert other.scoring.rules_error is None and other.scoring.threshold == 60


def _score_before_pinning(store: LeadStore) -> None:
    store.leads.add_lead(LeadInput(first_name="Typed", score=44))
    store.leads.add_lead(LeadInput(first_name="None"))
    store.close()


def test_sqlite_schema_six_is_backed_up_and_migrated(db_path: Path) -> None:
    _score_before_pinning(open_store(db_path, clock=fixed_clock))
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE lead DROP COLUMN score_pinned")
    conn.execute("UPDATE lead SET score = NULL WHERE id = 2")  # schema 6 computed no score
    conn.execute("PRAGMA user_version=6")
    conn.commit()
    conn.close()
    store = open_store(db_path, clock=fixed_clock)
    try:
        assert [store.leads.get_lead(i).score_pinned for i in (1, 2)] == [True, False]
        assert store.leads.get_lead(1).score == 44  # a typed score is never replaced
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    assert sorted(backup_dir(db_path).glob("*pre-migration-v6*.db"))


def test_the_steps_are_idempotent(db_path: Path) -> None:
    from leadtui.storage.score_pinned import add_pinned_column

    ran: list[str] = []
    add_pinned_column({"score_pinned"}, ran.append, "x")
    assert ran == []
    add_pinned_column({"score"}, ran.append, "score_pinned BOOLEAN")
    assert ran[0] == "ALTER TABLE lead ADD COLUMN score_pinned BOOLEAN"


def test_postgres_schema_six_is_migrated(pg_url: str) -> None:
    _score_before_pinning(open_store(pg_url, clock=fixed_clock))
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE lead DROP COLUMN score_pinned")
        conn.execute("UPDATE lead SET score = NULL WHERE id = 2")
        conn.execute("UPDATE leadtui_schema SET version = 6")
    store = open_store(pg_url, clock=fixed_clock)
    try:
        assert [store.leads.get_lead(i).score_pinned for i in (1, 2)] == [True, False]
    finally:
        store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT max(version) FROM leadtui_schema").fetchone() == (
            SCHEMA_VERSION,
        )
    open_store(pg_url, clock=fixed_clock).close()  # opening again changes nothing


@both_backends
def test_the_score_filter_reads_the_computed_and_pinned_scores(store: LeadStore) -> None:
    from leadtui.domain.rows import LeadFilter

    computed = director(store)  # 35
    pinned = director(store, email=None, score=90)
    store.leads.add_lead(LeadInput(first_name="Low"))  # 0
    over = LeadFilter(query=store.views.parse("score>30"))
    assert store.reads.count_list(over).total == 2
    high = LeadFilter(query=store.views.parse("score>=60"))
    rows = store.reads.page_list(high, store_sort(), 0, 10)
    assert [row.id for row in rows] == [pinned]
    store.agenda.log_touch(computed, "meeting", "demo")  # 35 + 10 + 10 = 55
    store.agenda.log_touch(computed, "call", "again")  # + 5 = 60
    assert {row.id for row in store.reads.page_list(high, store_sort(), 0, 10)} == {
        computed,
        pinned,
    }


def store_sort() -> LeadSort:
    return LeadSort()
