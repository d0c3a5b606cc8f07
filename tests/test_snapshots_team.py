"""Snapshots of team mode: the "Assign to" dialog, an assigned lead with who did what."""

from __future__ import annotations

from collections.abc import Callable

from conftest import SNAPSHOT_SIZE, AppFactory
from test_snapshots_detail import detail_then

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore

SnapCompare = Callable[..., bool]


def _assigned_lead(store: LeadStore) -> int:
    """A lead Luis owns, with a call Ana logged and a move Luis made."""
    lead = store.leads.add_lead(
        LeadInput(first_name="Nadia", last_name="Nueva", email="nadia.nueva@example.com")
    )
    assert lead.id is not None
    store.touches.add_activity(lead.id, "call", "Wants a quote for May")
    store.team.assign([lead.id], "luis")
    return lead.id


class TestTeamSnapshots:
    """The lead detail in team mode."""

    def test_assigned_lead_says_who(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """ "Assigned to luis" among the fields; "by ana" on the call and the creation."""
        lead = _assigned_lead(demo_store)
        assert snap_compare(
            app_factory(demo_store), terminal_size=SNAPSHOT_SIZE, run_before=detail_then(lead)
        )

    def test_assign_dialog(
        self, snap_compare: SnapCompare, demo_store: LeadStore, app_factory: AppFactory
    ) -> None:
        """@ opens "Assign Nadia Nueva to", filled with the current user, and its keys."""
        lead = _assigned_lead(demo_store)
        assert snap_compare(
            app_factory(demo_store),
            terminal_size=SNAPSHOT_SIZE,
            run_before=detail_then(lead, "W"),
        )
