"""Snapshots of the lead detail and its dialogs, on fixed data and the fixed clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from conftest import SNAPSHOT_SIZE, AppFactory
from test_lead_detail_screen import lead_in
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import settle

from leadtui.domain.rows import FollowUpFilter, LeadInput
from leadtui.launch import open_store
from leadtui.store import LeadStore
from leadtui.ui.screens.lead_detail import LeadDetailScreen

SnapCompare = Callable[..., bool]
PAYLOADS = (
    "Acme [/]",
    "[bold]x",
    "[@click=app.quit]x",
    "[link=https://evil]x[/link]",
    "\x1b[31mred",
)


def detail_then(
    lead_id: int,
    *pressed: str,
    between: Callable[[], None] | None = None,
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A run_before script: open the detail of ``lead_id``, press keys, settle.

    ``between`` runs after the first key (e.g. a second writer while a form is open).
    """

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(LeadDetailScreen(lead_id))
        await settle(pilot)
        for index, key in enumerate(pressed):
            await pilot.press(key)
            await settle(pilot)
            if index == 0 and between is not None:
                between()
        await settle(pilot)

    return run


def rich_lead(store: LeadStore) -> int:
    """A proposal-stage lead with an overdue follow-up and the longest timeline."""
    return lead_in(store, "proposal", FollowUpFilter.OVERDUE)


def payload_lead(store: LeadStore) -> int:
    """A lead whose every free-text field holds markup or an escape sequence."""
    lead = store.leads.add_lead(
        LeadInput(
            first_name=PAYLOADS[0],
            last_name=PAYLOADS[1],
            company=PAYLOADS[2],
            job_title=PAYLOADS[3],
            campaign=PAYLOADS[4],
            utm_source=PAYLOADS[1],
            utm_medium=PAYLOADS[2],
            utm_campaign=PAYLOADS[3],
            email="payload@example.com",
            website="https://example.com/[bold]x",
            tags=list(PAYLOADS),
            value_cents=123456,
        )
    )
    assert lead.id is not None
    for payload in PAYLOADS:
        store.touches.add_activity(lead.id, "note", f"{payload}\nsecond line {payload}")
    store.pipeline.move_lead(lead.id, "lost", PAYLOADS[3] + " " + PAYLOADS[4])
    return lead.id


class TestLeadDetailSnapshots:
    """The lead detail screen."""

    def test_rich_timeline(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Every field, the funnel at Proposal, OVERDUE follow-up, a long newest-first timeline."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(rich_lead(demo_store)),
        )

    def test_new_lead_with_nothing_yet(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """A just-added lead: dashes for empty fields, no follow-up, only "Created in New"."""
        lead = demo_store.leads.add_lead(
            LeadInput(first_name="Nadia", last_name="Nueva", email="nadia.nueva@example.com")
        )
        assert lead.id is not None
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=detail_then(lead.id)
        )

    def test_markup_and_escape_payloads(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Brackets show literally in fields, tags, notes and the lost reason; no escapes run."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(payload_lead(demo_store)),
        )


class TestLeadDetailDialogSnapshots:
    """The dialogs the lead detail opens."""

    def test_followup_picker(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Today, +1d, +3d, +1w, +2w with their dates, clear, and a typed-date box."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(rich_lead(demo_store), "f"),
        )

    def test_lost_reason(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Common lost reasons, the first highlighted, and a free-text box."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(rich_lead(demo_store), "x"),
        )

    def test_activity_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Kind buttons (Note chosen) and two typed lines in the text area."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(rich_lead(demo_store), "a", *"Hi [b]", "enter", *"there"),
        )

    def test_tags_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """A tag being typed with its completion, the lead's tags listed below."""
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(rich_lead(demo_store), "number_sign", "m", "a"),
        )

    def test_conflict_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """Yours against the database's, field by field; the two changed rows marked ≠."""
        lead = rich_lead(demo_store)

        def second_writer() -> None:
            other = open_store(demo_store.path, clock=demo_store.clock)
            data, version = other.leads.lead_input(lead)
            data.company = "Theirs [bold]S.L."
            other.leads.update_lead(lead, version, data)
            other.close()

        async def run(pilot: Pilot[Any]) -> None:
            await detail_then(lead, "e", between=second_writer)(pilot)
            pilot.app.screen.query_one("#in-first_name", Input).value = "Mine"
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=run)
