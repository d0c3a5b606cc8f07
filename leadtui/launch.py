"""The one factory that builds a store and an app, used by the CLI and by the tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from leadtui.rows import Clock
from leadtui.store import LeadStore, system_clock

if TYPE_CHECKING:
    from leadtui.app import LeadApp


def open_store(path: Path, *, clock: Clock = system_clock, create: bool = True) -> LeadStore:
    """Open (creating or migrating if needed) the database at ``path``."""
    return LeadStore.open(path, clock=clock, create=create)


def make_app(store: LeadStore, *, demo: bool = False) -> LeadApp:
    """The Textual app on ``store`` (its clock comes from the store)."""
    from leadtui.app import LeadApp

    return LeadApp(store=store, clock=store.clock, demo=demo)
