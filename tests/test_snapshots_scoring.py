"""Snapshots of lead scoring: the detail's breakdown (English and Spanish) and the rules
screen naming a bad rules file in one line."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_NOW, SNAPSHOT_SIZE, AppFactory, fixed_clock
from language import fresh, speaking
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from waiting import settle

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore
from leadtui.ui.screens.lead_detail import LeadDetailScreen

SnapCompare = Callable[..., bool]
REPO = Path(__file__).resolve().parent.parent
BAD_RULES = Path("tests/fixtures/scoring/bad.toml")  # relative: the same text on every machine


def scored_lead(store: LeadStore) -> int:
    """A director at a company, from an event, with a call 45 days ago and a meeting."""
    lead = store.leads.add_lead(
        LeadInput(
            first_name="Marta",
            last_name="Directora",
            email="marta@gmail.com",
            company="Industrias Norte",
            job_title="Marketing Director",
            source="event",
            campaign="Webinar otoño",
            phone="+34 600 123 456",
        )
    )
    assert lead.id is not None
    store.touches.add_activity(lead.id, "call", "first call", at=DEMO_NOW - timedelta(days=45))
    store.touches.add_activity(lead.id, "meeting", "demo", at=DEMO_NOW - timedelta(days=44))
    return lead.id


def open_detail(
    lead_id: int, screen: Any = LeadDetailScreen
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Open the detail, its fields scrolled to the end (the breakdown under them)."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(screen(lead_id))
        await settle(pilot)
        pilot.app.screen.query_one("#detail-fields", VerticalScroll).scroll_end(animate=False)
        pilot.app.sub_title = "snapshot"
        await settle(pilot)

    return run


class TestScoreSnapshots:
    """What the user sees of a lead's score."""

    def test_breakdown_in_the_detail(
        self, snap_compare: SnapCompare, store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Score 49 with each reason on its line, ending with "−6 no touch for 6 weeks"."""
        lead_id = scored_lead(store)
        assert snap_compare(
            app_factory(store), terminal_size=SNAPSHOT_SIZE, run_before=open_detail(lead_id)
        )

    def test_pinned_and_qualified(
        self, snap_compare: SnapCompare, store: LeadStore, app_factory: AppFactory
    ) -> None:
        """A typed 85: Qualified, "pinned (rules: 49)", the breakdown marked as not in use."""
        lead_id = scored_lead(store)
        store.scoring.pin(lead_id, 85)
        assert snap_compare(
            app_factory(store), terminal_size=SNAPSHOT_SIZE, run_before=open_detail(lead_id)
        )

    def test_breakdown_in_spanish(self, snap_compare: SnapCompare, store: LeadStore) -> None:
        """The same breakdown in Spanish: "fuente", "cargo", "sin contacto desde hace 6 semanas"."""
        lead_id = scored_lead(store)
        with speaking("es"):
            make_app = fresh("leadtui.launch", "make_app")
            detail = fresh("leadtui.ui.screens.lead_detail", "LeadDetailScreen")
            assert snap_compare(
                make_app(store),
                terminal_size=SNAPSHOT_SIZE,
                run_before=open_detail(lead_id, detail),
            )

    def test_rules_screen_names_a_bad_file_in_one_line(
        self,
        snap_compare: SnapCompare,
        store: LeadStore,
        app_factory: AppFactory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The file's path, one red line naming fit.source.event, the text, e/r/p/Esc keys."""
        from leadtui.ui.screens.scoring_rules import ScoringRulesScreen

        monkeypatch.chdir(REPO)
        bad = LeadStore(store.backend, clock=fixed_clock, rules_path=BAD_RULES)

        async def run(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.push_screen(ScoringRulesScreen())
            pilot.app.sub_title = "snapshot"
            await settle(pilot)

        assert snap_compare(app_factory(bad), terminal_size=SNAPSHOT_SIZE, run_before=run)


def sorted_by_score(pilot: Pilot[Any]) -> Awaitable[None]:
    """The list sorted by score, best first (as ``s`` reaches it)."""
    from leadtui.domain.rows import LeadSort, SortKey

    async def run() -> None:
        await settle(pilot)
        screen = pilot.app.screen_stack[0]
        screen.set_sort(LeadSort(SortKey.SCORE, descending=True))  # type: ignore[attr-defined]
        await settle(pilot)
        pilot.app.sub_title = "snapshot"
        await settle(pilot)

    return run()


class TestScoreSortSnapshots:
    """The lead list sorted by score."""

    def test_list_sorted_by_score(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """A "Score ▼" column at the right end, the highest scores on top, "sort: score ↓"."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=sorted_by_score
        )

    def test_list_sorted_by_score_in_spanish_at_80x24(
        self, snap_compare: SnapCompare, demo_store: LeadStore
    ) -> None:
        """At 80x24 in Spanish: "Puntuación ▼" fits, narrower columns give way."""
        with speaking("es"):
            make_app = fresh("leadtui.launch", "make_app")
            assert snap_compare(
                make_app(demo_store, demo=True), terminal_size=(80, 24), run_before=sorted_by_score
            )
