"""LeadStore on a real temporary SQLite file and on a real PostgreSQL database: every
method, conflicts, dedupe, search, paging."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import psycopg
import pytest
from conftest import DEMO_NOW
from pg_fixtures import both_backends

from leadtui.domain.errors import ConflictError, DuplicateEmailError, NotFoundError
from leadtui.domain.rows import FollowUpFilter, LeadFilter, LeadInput, LeadRow, LeadSort, SortKey
from leadtui.domain.validation import ValidationError
from leadtui.storage.models import Lead
from leadtui.storage.postgres.backend import PostgresBackend
from leadtui.storage.sqlite.connect import connect_sqlite
from leadtui.storage.sqlite.schema import LIST_INDEXES
from leadtui.store import LeadStore

pytestmark = both_backends

EVERYTHING = LeadFilter()
NEWEST = LeadSort()


def add(store: LeadStore, first: str = "Ana", last: str = "Pérez", **fields: Any) -> Lead:
    """Add a lead with a name and whatever else is given."""
    return store.leads.add_lead(LeadInput(first_name=first, last_name=last, **fields))


def ids(rows: list[LeadRow]) -> list[int]:
    """The ids of list rows, in order."""
    return [row.id for row in rows]


def search(store: LeadStore, text: str) -> list[int]:
    """Ids of live leads whose name, email or company matches ``text``."""
    return ids(store.reads.page_list(LeadFilter(search=text), NEWEST, 0, 100))


def pg_execute(store: LeadStore, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run SQL on the PostgreSQL database of ``store`` directly (not through the store)."""
    assert isinstance(store.backend, PostgresBackend)
    with psycopg.connect(store.backend.url, autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def is_postgres(store: LeadStore) -> bool:
    """True for a store on PostgreSQL."""
    return isinstance(store.backend, PostgresBackend)


def fts_rowids(store: LeadStore, query: str) -> list[int]:
    """Raw hits of the search index, live or not (to see what the index itself holds)."""
    if is_postgres(store):
        found = pg_execute(
            store,
            "SELECT id FROM lead WHERE search @@ to_tsquery('simple', leadtui_fold(%s))",
            (query,),
        )
        return sorted(int(row_id) for (row_id,) in found)
    conn = connect_sqlite(store.path)
    try:
        rows = conn.execute("SELECT rowid FROM lead_fts WHERE lead_fts MATCH ?", (query,))
        return sorted(rowid for (rowid,) in rows)
    finally:
        conn.close()


def fts_integrity(store: LeadStore) -> None:
    """Raise if the search index disagrees with the lead table."""
    if is_postgres(store):
        stale = pg_execute(
            store,
            "SELECT id FROM lead WHERE search IS DISTINCT FROM "
            "leadtui_search_doc(first_name, last_name, email, company)",
        )
        assert stale == []
        return
    conn = connect_sqlite(store.path)
    try:
        conn.execute("INSERT INTO lead_fts(lead_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


class TestAddGetUpdate:
    def test_add_then_get_and_row(self, store: LeadStore) -> None:
        lead = add(store, email="ana@example.com", company="Acme", tags=["vip", "madrid"])
        assert lead.id is not None
        got = store.leads.get_lead(lead.id)
        assert (got.first_name, got.email, got.email_key, got.version) == (
            "Ana",
            "ana@example.com",
            "ana@example.com",
            1,
        )
        assert got.created_at == got.updated_at == DEMO_NOW
        row = store.reads.lead_row(lead.id)
        assert row is not None and row.display_name == "Ana Pérez" and row.company == "Acme"
        assert store.reads.tags_of(lead.id) == ["madrid", "vip"]
        assert [(e.from_stage, e.to_stage) for e in store.reads.stage_history(lead.id)] == [
            (None, "new")
        ]

    def test_stages_are_the_default_funnel(self, store: LeadStore) -> None:
        assert [s.key for s in store.reads.stages()] == [
            "new",
            "contacted",
            "qualified",
            "proposal",
            "won",
            "lost",
        ]

    def test_invalid_input_writes_nothing(self, store: LeadStore) -> None:
        with pytest.raises(ValidationError) as error:
            add(store, email="not an email")
        assert error.value.field == "email"
        with pytest.raises(ValidationError):
            add(store, stage="nowhere")
        assert store.reads.count_list(EVERYTHING).total == 0

    def test_get_missing_raises(self, store: LeadStore) -> None:
        with pytest.raises(NotFoundError):
            store.leads.get_lead(999)
        assert store.reads.lead_row(999) is None

    def test_update_bumps_version(self, store: LeadStore) -> None:
        lead = add(store)
        assert lead.id is not None
        data, version = store.leads.lead_input(lead.id)
        data.company = "Nova S.L."
        data.stage = "qualified"
        updated = store.leads.update_lead(lead.id, version, data)
        assert updated.version == version + 1 and updated.company == "Nova S.L."
        assert [e.to_stage for e in store.reads.stage_history(lead.id)] == ["new", "qualified"]

    def test_stale_update_conflicts_and_leaves_row(self, store: LeadStore) -> None:
        lead = add(store, company="Old Co")
        assert lead.id is not None
        data, version = store.leads.lead_input(lead.id)
        other, _ = store.leads.lead_input(lead.id)
        other.company = "First writer"
        store.leads.update_lead(lead.id, version, other)
        before = store.leads.get_lead(lead.id).model_dump()
        data.company = "Second writer"
        with pytest.raises(ConflictError) as error:
            store.leads.update_lead(lead.id, version, data)
        assert (error.value.expected_version, error.value.actual_version) == (1, 2)
        assert store.leads.get_lead(lead.id).model_dump() == before


class TestDuplicates:
    def test_email_case_collides(self, store: LeadStore) -> None:
        first = add(store, email="Bob@Example.COM")
        with pytest.raises(DuplicateEmailError) as error:
            add(store, "Robert", email="bob@example.com")
        assert error.value.existing_id == first.id
        assert store.reads.count_list(EVERYTHING).total == 1

    def test_nfc_and_nfd_collide(self, store: LeadStore) -> None:
        nfc = unicodedata.normalize("NFC", "josé@example.com")
        nfd = unicodedata.normalize("NFD", "josé@example.com")
        assert nfc != nfd
        add(store, email=nfc)
        with pytest.raises(DuplicateEmailError):
            add(store, "Other", email=nfd)

    def test_deleted_lead_still_holds_its_email(self, store: LeadStore) -> None:
        lead = add(store, email="gone@example.com")
        assert lead.id is not None
        store.leads.delete_lead(lead.id)
        with pytest.raises(DuplicateEmailError, match="deleted"):
            add(store, email="GONE@example.com")

    def test_update_to_someone_elses_email(self, store: LeadStore) -> None:
        add(store, email="a@example.com")
        second = add(store, "Bea", email="b@example.com")
        assert second.id is not None
        data, version = store.leads.lead_input(second.id)
        data.email = "A@EXAMPLE.COM"
        with pytest.raises(DuplicateEmailError):
            store.leads.update_lead(second.id, version, data)
        assert store.leads.get_lead(second.id).email == "b@example.com"

    def test_find_lead_by_id_or_email(self, store: LeadStore) -> None:
        lead = add(store, email="Ana@Example.com")
        assert store.leads.find_lead(str(lead.id)).id == lead.id
        assert store.leads.find_lead("  ana@EXAMPLE.com ").id == lead.id
        with pytest.raises(NotFoundError):
            store.leads.find_lead("nobody@example.com")
        found = store.leads.find_by_email("ANA@example.com")
        assert found is not None and found.id == lead.id
        assert store.leads.find_by_email("") is None

    def test_blank_reference_matches_no_lead(self, store: LeadStore) -> None:
        add(store, "No", "Email")
        for blank in ("", "   ", "\x1b"):
            with pytest.raises(NotFoundError):
                store.leads.find_lead(blank)


class TestSoftDelete:
    def test_deleted_vanish_everywhere_and_come_back(self, store: LeadStore) -> None:
        keep = add(store, "Keep", "Me")
        gone = add(store, "Zelda", "Gone")
        assert keep.id is not None and gone.id is not None
        assert store.leads.delete_leads([gone.id, 999]) == [gone.id]
        assert ids(store.reads.page_list(EVERYTHING, NEWEST, 0, 50)) == [keep.id]
        assert store.reads.count_list(EVERYTHING).total == 1
        assert search(store, "zelda") == []
        with pytest.raises(NotFoundError):
            store.leads.get_lead(gone.id)
        assert store.leads.get_lead(gone.id, include_deleted=True).deleted_at == DEMO_NOW
        assert store.leads.delete_leads([gone.id]) == []
        assert store.leads.restore_leads([gone.id, keep.id]) == [gone.id]
        assert search(store, "zelda") == [gone.id]
        assert store.reads.count_list(EVERYTHING).total == 2

    def test_single_delete_and_restore(self, store: LeadStore) -> None:
        lead = add(store)
        assert lead.id is not None
        store.leads.delete_lead(lead.id)
        with pytest.raises(NotFoundError):
            store.leads.delete_lead(lead.id)
        store.leads.restore_lead(lead.id)
        assert store.leads.get_lead(lead.id).deleted_at is None
        assert store.leads.get_lead(lead.id).version == 3

    def test_stage_totals_skip_deleted(self, store: LeadStore) -> None:
        a = add(store, value_cents=1000)
        add(store, "B", value_cents=500)
        add(store, "C", stage="won", value_cents=7)
        assert a.id is not None
        store.leads.delete_lead(a.id)
        totals = {t.stage.key: (t.count, t.values.cents("EUR")) for t in store.reads.stage_totals()}
        assert totals == {
            "new": (1, 500),
            "contacted": (0, 0),
            "qualified": (0, 0),
            "proposal": (0, 0),
            "won": (1, 7),
            "lost": (0, 0),
        }


class TestSearchIndex:
    def test_update_reindexes_the_new_name(self, store: LeadStore) -> None:
        lead = add(store, "Oldname", "Smith", company="Acme")
        assert lead.id is not None
        data, version = store.leads.lead_input(lead.id)
        data.first_name = "Newname"
        store.leads.update_lead(lead.id, version, data)
        assert search(store, "newname") == [lead.id]
        assert search(store, "oldname") == []
        assert search(store, "acme smi") == [lead.id]
        fts_integrity(store)

    def test_hard_delete_removes_from_index(self, store: LeadStore) -> None:
        lead = add(store, "Purged", "Person", email="purged@example.com")
        store.touches.add_activity(lead.id or 0, "note", "x")
        assert fts_rowids(store, "purged") == [lead.id]
        if is_postgres(store):
            pg_execute(store, "DELETE FROM lead WHERE id = %s", (lead.id,))
        else:
            conn = connect_sqlite(store.path)
            try:
                conn.execute("DELETE FROM lead WHERE id = ?", (lead.id,))
            finally:
                conn.close()
        assert fts_rowids(store, "purged") == []
        fts_integrity(store)

    def test_search_ignores_accents_case_and_operators(self, store: LeadStore) -> None:
        lead = add(store, "José", "Muñoz", company="Acme [/] OR x")
        assert search(store, "jose munoz") == [lead.id]
        assert search(store, "MUÑ") == [lead.id]
        assert search(store, 'acme "OR') == [lead.id]
        assert search(store, "***") == []

    def test_move_does_not_break_index(self, store: LeadStore) -> None:
        lead = add(store, "Moving")
        store.pipeline.move_lead(lead.id or 0, "won")
        assert search(store, "moving") == [lead.id]
        fts_integrity(store)


class TestMoves:
    def test_moves_write_history_in_order(self, store: LeadStore) -> None:
        lead = add(store)
        lead_id = lead.id or 0
        first = store.pipeline.move_lead(lead_id, "contacted", "called")
        assert first is not None and (first.from_stage, first.to_stage) == ("new", "contacted")
        store.pipeline.move_leads([lead_id], "qualified")
        assert store.pipeline.move_lead(lead_id, "qualified") is None
        history = store.reads.stage_history(lead_id)
        assert [(e.from_stage, e.to_stage) for e in history] == [
            (None, "new"),
            ("new", "contacted"),
            ("contacted", "qualified"),
        ]
        assert history[1].reason == "called"
        assert store.leads.get_lead(lead_id).stage == "qualified"

    def test_unknown_stage_and_stale_version(self, store: LeadStore) -> None:
        lead = add(store)
        lead_id = lead.id or 0
        with pytest.raises(NotFoundError):
            store.pipeline.move_lead(lead_id, "heaven")
        with pytest.raises(ConflictError):
            store.pipeline.move_lead(lead_id, "won", expected_version=7)
        assert store.leads.get_lead(lead_id).stage == "new"
        assert len(store.reads.stage_history(lead_id)) == 1

    def test_lost_clears_followup(self, store: LeadStore) -> None:
        lead = add(store, next_followup_at=DEMO_NOW + timedelta(days=1))
        store.pipeline.move_lead(lead.id or 0, "lost")
        assert store.leads.get_lead(lead.id or 0).next_followup_at is None

    def test_undo_moves(self, store: LeadStore) -> None:
        a, b = add(store, "A"), add(store, "B", stage="contacted")
        moves = store.pipeline.move_leads([a.id or 0, b.id or 0], "proposal")
        assert len(moves) == 2
        store.pipeline.undo_moves(moves)
        assert store.leads.get_lead(a.id or 0).stage == "new"
        assert store.leads.get_lead(b.id or 0).stage == "contacted"
        assert [e.to_stage for e in store.reads.stage_history(a.id or 0)] == ["new"]
        assert store.leads.get_lead(a.id or 0).stage_changed_at == DEMO_NOW

    def test_undo_refused_after_another_move(self, store: LeadStore) -> None:
        lead = add(store)
        moves = store.pipeline.move_leads([lead.id or 0], "contacted")
        store.pipeline.move_lead(lead.id or 0, "won")
        with pytest.raises(ConflictError):
            store.pipeline.undo_moves(moves)
        assert store.leads.get_lead(lead.id or 0).stage == "won"


class TestActivitiesAndFollowUps:
    def test_activity_sets_last_activity(self, store: LeadStore) -> None:
        lead = add(store)
        lead_id = lead.id or 0
        later = DEMO_NOW - timedelta(hours=1)
        activity = store.touches.add_activity(lead_id, "call", "Called\x1b[31m back", at=later)
        store.touches.add_activity(lead_id, "note", "earlier", at=later - timedelta(days=2))
        assert store.leads.get_lead(lead_id).last_activity_at == later
        timeline = store.reads.timeline(lead_id)
        assert [(e.kind, e.body) for e in timeline] == [
            ("stage", ""),
            ("activity", "Called back"),
            ("activity", "earlier"),
        ]
        store.touches.delete_activity(activity.id or 0)
        assert store.leads.get_lead(lead_id).last_activity_at == later - timedelta(days=2)

    def test_bad_activity_kind(self, store: LeadStore) -> None:
        lead = add(store)
        with pytest.raises(ValidationError):
            store.touches.add_activity(lead.id or 0, "telepathy", "hi")
        with pytest.raises(NotFoundError):
            store.touches.add_activity(12345, "note", "hi")

    def test_set_followup_returns_previous(self, store: LeadStore) -> None:
        lead = add(store)
        when = DEMO_NOW + timedelta(days=2)
        assert store.agenda.set_followup(lead.id or 0, when) is None
        assert store.agenda.set_followup(lead.id or 0, None) == when
        assert store.leads.get_lead(lead.id or 0).next_followup_at is None

    def test_followup_filters_around_fixed_clock(self, store: LeadStore) -> None:
        day = DEMO_NOW.replace(hour=0)
        plan: dict[str, datetime | None] = {
            "overdue": day - timedelta(seconds=1),
            "morning": day,  # earlier today: due today, not overdue
            "evening": day + timedelta(hours=23, minutes=59),
            "in6days": day + timedelta(days=6, hours=12),
            "in7days": day + timedelta(days=7),
            "none": None,
        }
        made = {name: add(store, name, next_followup_at=at).id for name, at in plan.items()}

        def names(followup: FollowUpFilter) -> set[str]:
            rows = store.reads.page_list(LeadFilter(followup=followup), NEWEST, 0, 50)
            return {name for name, lead_id in made.items() if lead_id in ids(rows)}

        assert names(FollowUpFilter.OVERDUE) == {"overdue"}
        assert names(FollowUpFilter.TODAY) == {"morning", "evening"}
        assert names(FollowUpFilter.THIS_WEEK) == {"morning", "evening", "in6days"}
        assert names(FollowUpFilter.NONE) == {"none"}
        assert names(FollowUpFilter.ANY) == set(plan)
        assert store.reads.count_list(EVERYTHING).overdue == 1


class TestTags:
    def test_tag_and_untag_return_changed_ids(self, store: LeadStore) -> None:
        a, b = add(store, "A", tags=["vip"]), add(store, "B")
        both = [a.id or 0, b.id or 0]
        assert store.touches.tag_leads(both, "vip") == [b.id]
        assert store.touches.tag_leads(both, " ") == []
        assert store.reads.all_tags() == ["vip"]
        vip = store.reads.page_list(LeadFilter(tags=("vip",)), NEWEST, 0, 10)
        assert sorted(ids(vip)) == sorted(both)
        assert store.touches.untag_leads(both, "vip") == both
        assert store.touches.untag_leads(both, "vip") == []
        assert store.touches.untag_leads(both, "never-made") == []
        assert store.reads.tags_of(a.id or 0) == []

    def test_update_replaces_tags(self, store: LeadStore) -> None:
        lead = add(store, tags=["a", "b"])
        data, version = store.leads.lead_input(lead.id or 0)
        assert data.tags == ["a", "b"]
        data.tags = ["b", "c"]
        store.leads.update_lead(lead.id or 0, version, data)
        assert store.reads.tags_of(lead.id or 0) == ["b", "c"]


def _varied_leads(store: LeadStore) -> None:
    """Leads with many ties (same names, times, values, NULLs) for ordering tests."""
    stages = ["new", "contacted", "won", "lost", "qualified"]
    rows = []
    for i in range(45):
        rows.append(
            {
                "first_name": ["ana", "Ana", "Bob", ""][i % 4],
                "last_name": ["Ruiz", "ruiz", "Smith"][i % 3],
                "email": None if i % 5 == 0 else f"p{i % 7}x{i}@example.com",
                "email_key": None if i % 5 == 0 else f"p{i % 7}x{i}@example.com",
                "company": ["Acme", "acme", "", "Nova"][i % 4],
                "stage": stages[i % 5],
                "source": ["ads", "event", "manual"][i % 3],
                "value_cents": (i % 4) * 100,
                "created_at": DEMO_NOW - timedelta(days=i % 6),
                "next_followup_at": None if i % 3 else DEMO_NOW + timedelta(days=i % 4 - 2),
                "last_activity_at": None if i % 2 else DEMO_NOW - timedelta(hours=i % 5),
                # Typed (pinned) scores with ties; the others computed by the rules.
                "score": [10, 40, 40, 75][i % 4] if i % 6 else None,
            }
        )
    store.imports.bulk_insert_leads(rows)


STAGE_POS = {"new": 0, "contacted": 1, "qualified": 2, "proposal": 3, "won": 4, "lost": 5}
PY_KEYS: dict[SortKey, Callable[[LeadRow], tuple[Any, ...]]] = {
    SortKey.CREATED: lambda r: (r.created_at, r.id),
    SortKey.NAME: lambda r: (r.last_name.lower(), r.first_name.lower(), r.id),
    SortKey.COMPANY: lambda r: (r.company.lower(), r.id),
    SortKey.EMAIL: lambda r: (r.email is not None, (r.email or "").lower(), r.id),
    SortKey.STAGE: lambda r: (STAGE_POS[r.stage], r.created_at, r.id),
    SortKey.SOURCE: lambda r: (r.source, r.created_at, r.id),
    SortKey.FOLLOWUP: lambda r: (r.next_followup_at is None, r.next_followup_at or DEMO_NOW, r.id),
    SortKey.LAST_ACTIVITY: lambda r: (
        r.last_activity_at is not None,
        r.last_activity_at or DEMO_NOW,
        r.id,
    ),
    SortKey.VALUE: lambda r: (r.value_cents, r.id),
    SortKey.SCORE: lambda r: (r.score is not None, r.score or 0, r.id),
}


class TestPaging:
    @pytest.mark.parametrize("key", list(SortKey))
    def test_every_sort_is_a_stable_total_order(self, store: LeadStore, key: SortKey) -> None:
        _varied_leads(store)
        up = store.reads.page_list(EVERYTHING, LeadSort(key, descending=False), 0, 1000)
        down = store.reads.page_list(EVERYTHING, LeadSort(key, descending=True), 0, 1000)
        assert len(set(ids(up))) == len(up) == 45
        assert ids(up) == ids(sorted(up, key=PY_KEYS[key]))
        assert ids(down) == ids(up)[::-1]

    @pytest.mark.parametrize("descending", [False, True])
    @pytest.mark.parametrize("key", list(SortKey))
    def test_pages_from_both_ends_match_plain_offset(
        self, store: LeadStore, key: SortKey, descending: bool
    ) -> None:
        _varied_leads(store)
        sort = LeadSort(key, descending)
        lead_filter = LeadFilter(stages=("new", "won", "lost", "qualified"))
        total = store.reads.count_list(lead_filter).total
        assert total == 36
        full = ids(store.reads.page_list(lead_filter, sort, 0, 1000))
        for limit in (1, 7, 10):
            for offset in range(0, total + 2):
                plain = ids(store.reads.page_list(lead_filter, sort, offset, limit))
                assert plain == full[offset : offset + limit]
                assert ids(store.reads.page_list(lead_filter, sort, offset, limit, total)) == plain
        assert store.reads.page_list(lead_filter, sort, 3, 0, total) == []


class TestBulkInsert:
    def test_bulk_rows_with_history_activities_tags(self, store: LeadStore) -> None:
        t0 = DEMO_NOW - timedelta(days=10)
        rows = [
            {
                "first_name": "Bulk",
                "last_name": f"Person{i}",
                "email": f"bulk{i}@example.com",
                "email_key": f"bulk{i}@example.com",
                "company": "Loadco",
                "stage": "qualified",
                "created_at": t0,
                "history": [
                    (None, "new", t0, ""),
                    ("new", "contacted", t0 + timedelta(days=1), ""),
                    ("contacted", "qualified", t0 + timedelta(days=2), "fit"),
                ],
                "activities": [("call", t0 + timedelta(days=3), f"call {i}")],
                "tags": ["bulk", f"t{i % 2}"],
                "last_activity_at": t0 + timedelta(days=3),
            }
            for i in range(12)
        ]
        assert store.imports.bulk_insert_leads(rows, batch_size=5) == 12
        page = store.reads.page_list(LeadFilter(search="loadco"), NEWEST, 0, 50)
        assert len(page) == 12
        lead_id = page[0].id
        assert [
            (e.from_stage, e.to_stage, e.reason) for e in store.reads.stage_history(lead_id)
        ] == [
            (None, "new", ""),
            ("new", "contacted", ""),
            ("contacted", "qualified", "fit"),
        ]
        assert store.leads.get_lead(lead_id).stage_changed_at == t0 + timedelta(days=2)
        assert [e.kind for e in store.reads.timeline(lead_id)][0] == "activity"
        assert store.reads.all_tags() == ["bulk", "t0", "t1"]
        assert store.reads.count_list(LeadFilter(tags=("t1",))).total == 6
        self._assert_indexes(store)
        fts_integrity(store)

    def test_bulk_into_non_empty_table_and_trigger_restored(self, store: LeadStore) -> None:
        first = add(store, "Before")
        store.imports.bulk_insert_leads([{"first_name": "Loaded", "created_at": DEMO_NOW}])
        after = add(store, "Afterwards")
        assert search(store, "before") == [first.id]
        assert len(search(store, "loaded")) == 1
        assert search(store, "afterwards") == [after.id]
        loaded = search(store, "loaded")[0]
        assert [e.to_stage for e in store.reads.stage_history(loaded)] == ["new"]
        self._assert_indexes(store)
        fts_integrity(store)

    def test_bulk_is_all_or_nothing(self, store: LeadStore) -> None:
        rows = [
            {"first_name": "One", "email_key": "same@example.com"},
            {"first_name": "Two", "email_key": "same@example.com"},
        ]
        with pytest.raises(Exception, match="(?i)unique"):
            store.imports.bulk_insert_leads(rows)
        assert store.reads.count_list(EVERYTHING).total == 0
        self._assert_indexes(store)

    @staticmethod
    def _assert_indexes(store: LeadStore) -> None:
        if is_postgres(store):
            from leadtui.storage.postgres.tables import LIST_INDEXES as PG_INDEXES

            names = {name for (name,) in pg_execute(store, "SELECT indexname FROM pg_indexes")}
            names |= {name for (name,) in pg_execute(store, "SELECT tgname FROM pg_trigger")}
            assert {ddl.split()[2] for ddl in PG_INDEXES} <= names
            assert {"ix_lead_search", "lead_search"} <= names
            return
        conn = connect_sqlite(store.path)
        try:
            names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
        expected = {ddl.split("EXISTS ")[1].split()[0] for ddl in LIST_INDEXES}
        assert expected <= names
        assert {"lead_fts", "lead_fts_ai", "lead_fts_ad", "lead_fts_au"} <= names
