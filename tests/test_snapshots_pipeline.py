"""Snapshots of the pipeline settings and of the editable timeline, on the demo data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from conftest import AppFactory
from language import fresh, speaking
from textual.pilot import Pilot
from waiting import settle as settle_app

from leadtui.domain.rows import LeadFilter, LeadSort
from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]
Script = Callable[[Pilot[Any]], Awaitable[None]]
SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def keys(*pressed: str, subtitle: str = "snapshot") -> Script:
    """Settle, press each key (settling after each), fix the subtitle."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle_app(pilot)
        pilot.app.sub_title = subtitle
        for key in pressed:
            await pilot.press(key)
            await settle_app(pilot)
        await settle_app(pilot)

    return run


def edited_pipeline(store: LeadStore) -> LeadStore:
    """A renamed default stage, a nurturing stage and an edited cadence."""
    store.stage_editor.rename("qualified", "Demo done")
    store.stage_editor.add("Nurturing", kind="nurture")
    store.stage_editor.set_cadence("contacted", 2, 8)
    return store


@pytest.fixture
def spanish() -> Iterator[Callable[[LeadStore], Any]]:
    """Inside Spanish: a factory for the (re-imported, Spanish) app on a store."""
    with speaking("es"):
        make_app = fresh("leadtui.launch", "make_app")
        yield lambda store: make_app(store, demo=True)


@pytest.mark.parametrize("size", SIZES)
class TestPipelineSnapshots:
    """The pipeline settings in English and Spanish, at 120×36 and 80×24."""

    def test_pipeline(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory, size: Any
    ) -> None:
        """Every stage with its kind, leads and cadence; the hint offers a nurturing stage."""
        assert snap_compare(app_factory(demo_store), terminal_size=size, run_before=keys("P"))

    def test_pipeline_edited(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory, size: Any
    ) -> None:
        """A renamed stage shows as typed, the nurturing stage sits before Won."""
        app = app_factory(edited_pipeline(demo_store))
        assert snap_compare(app, terminal_size=size, run_before=keys("P", "j", "j"))

    def test_pipeline_spanish(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        """Las etapas por defecto traducidas; la renombrada, tal como se escribió."""
        script = keys("P", subtitle="instantánea")
        assert snap_compare(
            spanish(edited_pipeline(demo_store)), terminal_size=size, run_before=script
        )

    def test_remove_with_leads_spanish(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        """Quitar una etapa con leads dice cuántos y ofrece adónde moverlos."""
        script = keys("P", "j", "d", subtitle="instantánea")
        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=script)


def _call_presses(store: LeadStore, lead_id: int) -> list[str]:
    """The j presses that select the newest call of the lead's timeline."""
    timeline = store.reads.timeline(lead_id)
    index = next(i for i, e in enumerate(timeline) if e.activity_kind == "call")
    return ["j"] * (index + 1)


def _lead_with_call(store: LeadStore) -> int:
    rows = store.reads.page_list(LeadFilter(stages=("contacted",)), LeadSort(), 0, 50)
    for row in rows:
        if any(
            e.kind == "activity" and e.activity_kind == "call" for e in store.reads.timeline(row.id)
        ):
            return row.id
    raise AssertionError("the demo data has a contacted lead with a call")


def _detail_script(lead_id: int, *pressed: str) -> Script:
    async def run(pilot: Pilot[Any]) -> None:
        from leadtui.ui.screens.lead_detail import LeadDetailScreen

        await settle_app(pilot)
        pilot.app.sub_title = "snapshot"
        await pilot.app.push_screen(LeadDetailScreen(lead_id))
        for key in pressed:
            await pilot.press(key)
            await settle_app(pilot)
        await settle_app(pilot)

    return run


class TestTimelineEditSnapshots:
    """The detail's timeline: an entry selected and its edit dialog; an edited entry."""

    def test_edit_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Enter on the selected entry: kind, date and text pre-filled."""
        lead_id = _lead_with_call(demo_store)
        script = _detail_script(lead_id, *_call_presses(demo_store, lead_id), "enter")
        assert snap_compare(app_factory(demo_store), terminal_size=(120, 36), run_before=script)

    def test_edited_entry(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """An edited entry says when and what changed; the selection marks it."""
        lead_id = _lead_with_call(demo_store)
        entry = next(e for e in demo_store.reads.timeline(lead_id) if e.activity_kind == "call")
        demo_store.activities.edit(entry.id, body=entry.body + " (checked)")
        script = _detail_script(lead_id, *_call_presses(demo_store, lead_id))
        assert snap_compare(app_factory(demo_store), terminal_size=(120, 36), run_before=script)
