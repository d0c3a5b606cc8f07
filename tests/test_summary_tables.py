"""The summary tables equal a full recomputation after any sequence of writes (both backends).

Every write path is exercised through the store: add, edit, stage moves and their
undo, follow-ups, soft delete and restore, CSV import and revert, merge and unmerge,
forget. The kept ``leadsummary``/``followupsummary`` rows must equal the same
grouping recomputed from the leads and their stage history.
"""

from __future__ import annotations

import contextlib
import itertools
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_fixtures import both_backends

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.rows import LeadFilter, LeadInput, LeadSort
from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore, MoveResult

pytestmark = both_backends

STAGES = ("new", "contacted", "qualified", "proposal", "won", "lost")
SOURCES = ("manual", "webinar", "referral")
CURRENCIES = ("EUR", "USD")
OPS = (
    "add",
    "edit",
    "move",
    "undo",
    "followup",
    "delete",
    "restore",
    "import",
    "bulk",
    "revert",
    "merge",
    "unmerge",
    "forget",
)
_numbers = itertools.count()


def assert_kept(store: LeadStore) -> None:
    """The kept summaries equal their recomputation, and hold no empty key."""
    from sqlalchemy import text

    kept, recomputed = store.metrics.kept_and_recomputed()
    assert kept == recomputed
    with store.engine().connect() as conn:
        for table in ("leadsummary", "followupsummary"):
            empty = conn.execute(text(f"SELECT count(*) FROM {table} WHERE leads = 0")).scalar()
            assert empty == 0, table


def _live(store: LeadStore) -> list[int]:
    return [row.id for row in store.reads.page_list(LeadFilter(), store_sort(), 0, 500)]


def store_sort() -> LeadSort:
    """The list's default order."""
    return LeadSort()


class Runner:
    """Applies one operation; remembers what undo, revert, restore and unmerge need."""

    def __init__(self, store: LeadStore, folder: Path) -> None:
        self.store = store
        self.folder = folder
        self.moves: list[MoveResult] = []
        self.batches: list[int] = []
        self.deleted: list[int] = []
        self.merges: list[int] = []

    def apply(self, op: str, pick: int) -> None:
        store = self.store
        live = _live(store)
        target = live[pick % len(live)] if live else None
        number = next(_numbers)
        if op == "add" or target is None:
            store.leads.add_lead(
                LeadInput(
                    first_name=f"Ana{number}",
                    email=f"a{number}@example.org",
                    source=SOURCES[pick % 3],
                    stage=STAGES[pick % 6],
                    value_cents=pick * 1000,
                    currency=CURRENCIES[pick % 2],
                    next_followup_at=store.now() + timedelta(hours=pick % 50 - 25),
                )
            )
        elif op == "edit":
            data, version = store.leads.lead_input(target)
            data.source = SOURCES[(pick + 1) % 3]
            data.value_cents = pick * 7
            data.currency = CURRENCIES[(pick + 1) % 2]
            store.leads.update_lead(target, version, data)
        elif op == "move":
            moved = store.pipeline.move_lead(target, STAGES[pick % 6])
            if moved is not None:
                self.moves.append(moved)
        elif op == "undo" and self.moves:
            store.pipeline.undo_moves([self.moves.pop()])
        elif op == "followup":
            store.agenda.set_followup(target, store.now() + timedelta(minutes=pick * 37 - 900))
        elif op == "delete":
            self.deleted.extend(store.leads.delete_leads([target]))
        elif op == "restore" and self.deleted:
            store.leads.restore_leads([self.deleted.pop()])
        elif op == "import":
            path = self.folder / f"import{number}.csv"
            path.write_text(
                "first_name,email,source,stage\n"
                f"Imp{number},i{number}@example.org,webinar,{STAGES[pick % 6]}\n"
                f"Dup{number},a{pick}@example.org,referral,new\n",
                encoding="utf-8",
            )
            report = store.imports.import_rows(store.imports.preview_import(path), ImportOptions())
            if report.batch_id is not None:
                self.batches.append(report.batch_id)
        elif op == "bulk":
            at = f"2026-02-0{pick % 9 + 1} 09:00:00"
            store.imports.bulk_insert_leads(
                [
                    {
                        "first_name": f"Bulk{number}",
                        "email": f"b{number}@example.org",
                        "email_key": f"b{number}@example.org",
                        "source": SOURCES[pick % 3],
                        "stage": "qualified",
                        "value_cents": pick,
                        "currency": CURRENCIES[pick % 2],
                        "next_followup_at": at,
                        "created_at": at,
                        "updated_at": at,
                        "history": [(None, "new", at, ""), ("new", "qualified", at, "")],
                    }
                ]
            )
        elif op == "revert" and self.batches:
            store.imports.revert_import(self.batches.pop(), force=True)
        elif op == "merge" and len(live) > 1:
            other = live[(pick + 1) % len(live)]
            if other != target:
                self.merges.append(store.merges.merge(target, other).merge_id)
        elif op == "unmerge" and self.merges:
            store.merges.unmerge(self.merges.pop())
        elif op == "forget":
            store.imports.forget_lead(target)


@given(steps=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 400)), max_size=12))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_summaries_equal_a_recomputation(
    store: LeadStore, tmp_path: Path, steps: list[tuple[str, int]]
) -> None:
    """After any sequence of writes the kept summaries equal their recomputation."""
    runner = Runner(store, tmp_path)
    for op, pick in steps:
        # A refused write (a stale undo, a merge of merged leads) must change nothing.
        with contextlib.suppress(LeadtuiError):
            runner.apply(op, pick)
        assert_kept(store)


def test_demo_summary_matches_the_funnel(demo_store: LeadStore, tmp_path: Path) -> None:
    """From the summaries: the same counts, reached, conversions and imported history as the
    history pass."""
    path = tmp_path / "pipeline.csv"
    path.write_text(
        "first_name,email,stage\nImp,imp@example.org,proposal\nWon,won@example.org,won\n",
        encoding="utf-8",
    )
    if demo_store.backend.__class__.__name__ == "SqliteBackend":  # no file import on PostgreSQL
        demo_store.imports.import_rows(demo_store.imports.preview_import(path), ImportOptions())
    assert_kept(demo_store)
    fast = demo_store.metrics.summary().funnel
    full = demo_store.reads.funnel_metrics()
    assert [(s.key, s.count, s.values, s.reached, s.converted) for s in fast.stages] == [
        (s.key, s.count, s.values, s.reached, s.converted) for s in full.stages
    ]
    assert fast.weeks == full.weeks
    assert fast.win_rate == full.win_rate
    assert fast.imported_history == full.imported_history


def test_edited_pipeline_summary_matches_the_funnel(demo_store: LeadStore) -> None:
    """A nurturing stage added and filled, an open stage removed (its leads moved): the
    summaries still give the history pass's counts, reached, conversions and win rate."""
    nurture = demo_store.stage_editor.add("Nurturing", kind="nurture")
    page = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 12)
    for row in page[:6]:
        demo_store.pipeline.move_lead(row.id, nurture.key)
    demo_store.pipeline.move_lead(page[6].id, "won")
    demo_store.stage_editor.remove("qualified", move_to="proposal")
    assert_kept(demo_store)
    fast = demo_store.metrics.summary().funnel
    full = demo_store.reads.funnel_metrics()
    assert [(s.key, s.kind, s.count, s.reached, s.converted) for s in fast.stages] == [
        (s.key, s.kind, s.count, s.reached, s.converted) for s in full.stages
    ]
    assert nurture.key in [s.key for s in fast.stages]
    assert "qualified" not in [s.key for s in fast.stages]
    assert fast.win_rate == full.win_rate


@pytest.mark.parametrize("mode", ["update", "merge"])
def test_an_import_that_rewrites_its_own_new_leads(
    demo_store: LeadStore, tmp_path: Path, mode: str
) -> None:
    """Within one import: a new lead written twice (the second row changes its stage, value
    and follow-up), an existing lead updated, a later stage with earlier history: the
    summaries equal the recomputation after it and after its revert (SQLite counts the new
    leads at the end of the load, not row by row)."""
    if demo_store.backend.__class__.__name__ != "SqliteBackend":
        pytest.skip("file imports run on SQLite")
    existing = demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 1)[0]
    assert existing.email
    path = tmp_path / "twice.csv"
    path.write_text(
        "first_name,email,source,stage,value,currency,next_followup_at\n"
        "Nueva,nueva@example.org,webinar,qualified,100.00,EUR,2026-03-20 09:00\n"
        "Nueva,nueva@example.org,referral,proposal,250.00,USD,2026-03-21 10:30\n"
        f"Old,{existing.email},event,won,900.00,EUR,\n"
        "Otra,otra@example.org,ads,won,50.00,EUR,\n",
        encoding="utf-8",
    )
    report = demo_store.imports.import_rows(
        demo_store.imports.preview_import(path), ImportOptions(on_duplicate=mode)
    )
    assert report.imported == 2 and report.batch_id is not None
    assert_kept(demo_store)
    demo_store.imports.revert_import(report.batch_id, force=True)
    assert_kept(demo_store)


def test_header_counts_from_the_counters(demo_store: LeadStore) -> None:
    """Total and overdue from the counters equal a count of the leads, for all and per stage;
    the list's header and the board's columns read the counters."""
    now = demo_store.now()
    assert demo_store.metrics.counts() == demo_store.backend.count(LeadFilter(), now)
    assert demo_store.reads.count_list(LeadFilter()) == demo_store.metrics.counts()
    for stages in (("new",), ("proposal", "won")):
        counted = demo_store.backend.count(LeadFilter(stages=stages), now)
        assert demo_store.metrics.counts(stages) == counted
        assert demo_store.reads.count_list(LeadFilter(stages=stages)) == counted
    assert demo_store.reads.stage_totals() == demo_store.backend.stage_totals()


def test_segment_equals_its_own_grouping(demo_store: LeadStore) -> None:
    """A segment's numbers equal those of its leads counted one by one; progress is reported."""
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    segment = demo_store.metrics.segment(
        LeadFilter(stages=("proposal", "won")), "stage:proposal,won", progress
    )
    rows = demo_store.reads.page_list(LeadFilter(stages=("proposal", "won")), store_sort(), 0, 1000)
    assert sum(s.count for s in segment.funnel.stages) == len(rows)
    assert sum(g.leads for g in segment.sources) == len(rows)
    assert seen and seen[-1][0] == seen[-1][1]
    assert segment.scope == "stage:proposal,won"


def test_segment_stops_when_told(demo_store: LeadStore) -> None:
    """A progress callback returning False stops the segment (the filter changed)."""
    from leadtui.store.metrics import SegmentCancelled

    with pytest.raises(SegmentCancelled):
        demo_store.metrics.segment(LeadFilter(), "", lambda done, total: False)


def test_overdue_in_a_half_hour_time_zone(
    demo_store: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where today starts at :30 UTC, the minutes before it inside that hour are counted too."""
    import time

    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        from leadtui.domain.timefmt import day_bounds

        now = demo_store.now()
        start, _end = day_bounds(now)
        assert start.astimezone(UTC).minute == 30
        ids = [row.id for row in demo_store.reads.page_list(LeadFilter(), LeadSort(), 0, 6)]
        for lead_id, minutes in zip(ids, (-10, -29, 0, 5, -31, -90), strict=True):
            demo_store.agenda.set_followup(lead_id, start + timedelta(minutes=minutes))
        assert demo_store.metrics.counts() == demo_store.backend.count(LeadFilter(), now)
        counted = demo_store.backend.count(LeadFilter(stages=("new",)), now)
        assert demo_store.metrics.counts(("new",)) == counted
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    "text",
    ["source:event", "stage:proposal,won", "-stage:new source:ads,event", "-source:referral"],
)
def test_stage_and_source_segments_come_from_the_summary(demo_store: LeadStore, text: str) -> None:
    """A stage/source segment read from the summary rows equals the same segment counted
    over the leads."""
    lead_filter = LeadFilter(query=demo_store.views.parse(text))
    fast = demo_store.metrics.segment(lead_filter, text)
    scanned = demo_store.metrics.segment(lead_filter, text, from_summary=False)
    assert fast == scanned
    assert (
        sum(s.count for s in fast.funnel.stages)
        == demo_store.backend.count(lead_filter, demo_store.now()).total
    )
