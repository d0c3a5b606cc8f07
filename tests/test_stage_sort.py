"""Sorting by stage follows the funnel, page by page, at any offset and in both directions."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from paging_checks import assert_pages_join_up

from leadtui.domain.rows import FollowUpFilter, LeadFilter, LeadSort, SortKey
from leadtui.store import LeadStore

STAGES = ("new", "contacted", "qualified", "proposal", "won", "lost")
BASE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def leads(store: LeadStore) -> LeadStore:
    rng = random.Random(11)
    store.imports.bulk_insert_leads(
        {
            "first_name": f"Lead {i}",
            "stage": rng.choice(STAGES),
            # Repeated creation times, so the id decides ties.
            "created_at": BASE + timedelta(hours=rng.randrange(200)),
            "next_followup_at": BASE + timedelta(days=rng.randrange(-30, 30)) if i % 3 else None,
        }
        for i in range(700)
    )
    return store


def _expected(store: LeadStore, lead_filter: LeadFilter, descending: bool) -> list[int]:
    """The order by stage position, then creation, then id, computed independently."""
    total = store.reads.count_list(lead_filter).total
    rows = store.reads.page_list(lead_filter, LeadSort(SortKey.CREATED), 0, total + 1)
    with sqlite3.connect(store.path) as conn:
        position = dict(conn.execute("SELECT key, position FROM stage"))
    rows.sort(key=lambda row: (position[row.stage], row.created_at, row.id), reverse=descending)
    return [row.id for row in rows]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    "lead_filter",
    [
        LeadFilter(),
        LeadFilter(stages=("qualified", "new")),
        LeadFilter(followup=FollowUpFilter.OVERDUE),
    ],
    ids=["all", "two-stages", "overdue"],
)
def test_stage_sort_pages_join_up_in_funnel_order(
    leads: LeadStore, lead_filter: LeadFilter, descending: bool
) -> None:
    expected = _expected(leads, lead_filter, descending)
    assert len(expected) > 100
    sort = LeadSort(SortKey.STAGE, descending)
    assert_pages_join_up(leads, lead_filter, sort, expected)
