"""Snapshots of the duplicates view: the side-by-side merge of two leads, in English and Spanish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from conftest import SNAPSHOT_SIZE, fixed_clock
from language import fresh, speaking
from textual.pilot import Pilot
from waiting import settle, wait_until

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]


def seed(store: LeadStore) -> None:
    """One person twice: an older lead at Acme with a phone, a newer one with a Gmail address."""
    store.leads.add_lead(
        LeadInput(
            first_name="José", last_name="Núñez García", phone="+34 600 11 22 33",
            company="Acme S.L.", stage="qualified", value_cents=250_000, tags=["vip"],
            next_followup_at=fixed_clock() + timedelta(days=3),
        )
    )  # fmt: skip
    store.leads.add_lead(
        LeadInput(
            first_name="Jose", last_name="Nunez", email="Jose.Nunez@gmail.com",
            phone="600112233", job_title="CTO", source="event", tags=["feria"],
        )
    )  # fmt: skip


async def open_view(pilot: Pilot[Any]) -> None:
    """D opens the view; wait for the scan and the first pair, then take the phone's row."""
    await settle(pilot)
    await pilot.press("D")
    await wait_until(
        pilot, lambda: getattr(pilot.app.screen, "shown", None) is not None, "the first pair"
    )
    await pilot.press("down", "down", "space")  # take the email from the kept lead: empty
    pilot.app.sub_title = "leads.db"
    await settle(pilot)


class TestDuplicatesView:
    """The side-by-side merge: reason, both leads, chosen values, what the merge combines."""

    def test_side_by_side_merge(self, snap_compare: SnapCompare, store: LeadStore) -> None:
        """Pair 1 of 1, certain: same phone; ▶ marks each kept value; email row toggled."""
        seed(store)
        from leadtui.launch import make_app

        assert snap_compare(make_app(store), terminal_size=SNAPSHOT_SIZE, run_before=open_view)

    @pytest.mark.parametrize("size", [(80, 24), SNAPSHOT_SIZE], ids=["80x24", "120x36"])
    def test_side_by_side_merge_in_spanish(
        self, snap_compare: SnapCompare, store: LeadStore, size: tuple[int, int]
    ) -> None:
        """The same view in Spanish (labels, reason, keys)."""
        seed(store)
        with speaking("es"):
            make_app = fresh("leadtui.launch", "make_app")
            assert snap_compare(make_app(store), terminal_size=size, run_before=open_view)


class TestUnmergeInTheTimeline:
    """The survivor's detail: the merge's entry highlighted in the timeline, U Unmerge offered."""

    def test_merge_entry_highlighted(self, snap_compare: SnapCompare, store: LeadStore) -> None:
        """Down to the merge note: its heading in reverse video, the footer says U Unmerge."""
        seed(store)
        store.merges.merge(1, 2)
        from leadtui.launch import make_app

        async def open_detail(pilot: Pilot[Any]) -> None:
            from leadtui.ui.screens.lead_detail import LeadDetailScreen
            from leadtui.ui.widgets.timeline import Timeline

            await settle(pilot)
            pilot.app.push_screen(LeadDetailScreen(1))
            await settle(pilot)
            timeline = pilot.app.screen.query_one("#timeline", Timeline)
            await wait_until(pilot, lambda: bool(timeline.merges), "the merges read")
            (note,) = timeline.merges
            index = next(
                i for i, e in enumerate(timeline.entries) if e.kind == "activity" and e.id == note
            )
            for _step in range(index + 1):
                await pilot.press("down")
            pilot.app.sub_title = "leads.db"
            await settle(pilot)

        assert snap_compare(make_app(store), terminal_size=SNAPSHOT_SIZE, run_before=open_detail)
