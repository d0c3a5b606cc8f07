"""Snapshots of the agenda and the triage view, on the demo data and the fixed clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from conftest import AppFactory
from language import fresh, speaking
from textual.pilot import Pilot
from waiting import settle as settle_app

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


@pytest.mark.parametrize("size", SIZES)
class TestAgendaSnapshots:
    """The agenda and triage, in English at 120×36 and 80×24."""

    def test_agenda_overdue(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory, size: Any
    ) -> None:
        """Section counts on top, the overdue leads oldest first with their last touch."""
        assert snap_compare(app_factory(demo_store), terminal_size=size, run_before=keys("A"))

    def test_agenda_going_cold(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory, size: Any
    ) -> None:
        """Key 4 shows the leads untouched for longer than their stage allows."""
        assert snap_compare(app_factory(demo_store), terminal_size=size, run_before=keys("A", "4"))

    def test_triage(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory, size: Any
    ) -> None:
        """The first overdue lead with its context and the disposition keys."""
        assert snap_compare(app_factory(demo_store), terminal_size=size, run_before=keys("A", "t"))

    def test_triage_log_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory, size: Any
    ) -> None:
        """c: the call's text field focused, the stage cadence's follow-up pre-filled."""
        assert snap_compare(
            app_factory(demo_store), terminal_size=size, run_before=keys("A", "t", "c")
        )


@pytest.fixture
def spanish() -> Iterator[Callable[[LeadStore], Any]]:
    """Inside Spanish: a factory for the (re-imported, Spanish) app on a store."""
    with speaking("es"):
        make_app = fresh("leadtui.launch", "make_app")
        yield lambda store: make_app(store, demo=True)


@pytest.mark.parametrize("size", SIZES)
class TestAgendaSpanishSnapshots:
    """The agenda and triage in Spanish."""

    def test_agenda(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        """Secciones con sus cuentas, vencidos primero."""
        script = keys("A", subtitle="instantánea")
        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=script)

    def test_triage(
        self, snap_compare: SnapCompare, demo_store: LeadStore, spanish: Any, size: Any
    ) -> None:
        """El primer lead vencido con su contexto y las teclas."""
        script = keys("A", "t", subtitle="instantánea")
        assert snap_compare(spanish(demo_store), terminal_size=size, run_before=script)
