"""The store's contracts (#11): every write raises only readable LeadtuiErrors (on both
backends), the store is a facade without an inheritance chain, both backends match the
protocol, and SQLite stays inside storage/sqlite/."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import cast

import pytest
from pg_fixtures import both_backends

from leadtui.domain.errors import LeadtuiError
from leadtui.domain.rows import LeadInput, LeadSort
from leadtui.io.csv_import import ImportOptions
from leadtui.io.export import ExportOptions
from leadtui.storage.base import Backend
from leadtui.storage.postgres.backend import PostgresBackend
from leadtui.storage.sqlite.backend import SqliteBackend
from leadtui.store import LeadStore, MoveResult
from leadtui.store.lazy import LazyService

PACKAGE = Path(__file__).resolve().parent.parent / "leadtui"

Call = Callable[[LeadStore, int, Path], object]

BAD_WRITES: dict[str, list[Call]] = {
    "leads.add_lead": [
        lambda s, i, p: s.leads.add_lead(LeadInput(email="not an email")),
        lambda s, i, p: s.leads.add_lead(LeadInput(first_name="x" * 1000)),
        lambda s, i, p: s.leads.add_lead(LeadInput(stage="nowhere")),
    ],
    "leads.update_lead": [
        lambda s, i, p: s.leads.update_lead(i, 1, LeadInput(email="bad@")),
        lambda s, i, p: s.leads.update_lead(i, 99, LeadInput(first_name="Stale")),
        lambda s, i, p: s.leads.update_lead(999_999, 1, LeadInput(first_name="Nobody")),
    ],
    "leads.delete_lead": [lambda s, i, p: s.leads.delete_lead(999_999)],
    "pipeline.move_leads": [
        lambda s, i, p: s.pipeline.move_leads([i], "nowhere"),
        lambda s, i, p: s.pipeline.move_leads([999_999], "won"),
        lambda s, i, p: s.pipeline.move_leads([i], "won", "r" * 501),
    ],
    "pipeline.move_lead": [
        lambda s, i, p: s.pipeline.move_lead(i, "won", "r" * 501),
        lambda s, i, p: s.pipeline.move_lead(i, "won", expected_version=99),
    ],
    "pipeline.undo_moves": [
        lambda s, i, p: s.pipeline.undo_moves([MoveResult(999_999, 999_999, "new", "won")])
    ],
    "touches.add_activity": [
        lambda s, i, p: s.touches.add_activity(i, "telepathy", "hello"),
        lambda s, i, p: s.touches.add_activity(i, "note", "n" * 100_000),
        lambda s, i, p: s.touches.add_activity(i, "note", "naive", datetime(2026, 1, 1)),
        lambda s, i, p: s.touches.add_activity(999_999, "note", "nobody"),
    ],
    "agenda.log_touch": [
        lambda s, i, p: s.agenda.log_touch(i, "telepathy", "hello"),
        lambda s, i, p: s.agenda.log_touch(i, "followup", "not a touch"),
        lambda s, i, p: s.agenda.log_touch(i, "call", "n" * 100_000),
        lambda s, i, p: s.agenda.log_touch(i, "call", "naive", datetime(2026, 1, 1)),
        lambda s, i, p: s.agenda.log_touch(i, "call", "long note", None, "n" * 1000),
        lambda s, i, p: s.agenda.log_touch(999_999, "call", "nobody"),
    ],
    "agenda.schedule_followup": [
        lambda s, i, p: s.agenda.schedule_followup(i, datetime(2026, 1, 1)),
        lambda s, i, p: s.agenda.schedule_followup(i, None, "n" * 1000),
        lambda s, i, p: s.agenda.schedule_followup(999_999, None),
    ],
    "agenda.set_cadence": [
        lambda s, i, p: s.agenda.set_cadence("won", 3, 5),
        lambda s, i, p: s.agenda.set_cadence("nowhere", 3, 5),
        lambda s, i, p: s.agenda.set_cadence("new", 0, 5),
        lambda s, i, p: s.agenda.set_cadence("new", 5, 2),
    ],
    "agenda.set_followup": [
        lambda s, i, p: s.agenda.set_followup(i, datetime(2026, 1, 1)),
        lambda s, i, p: s.agenda.set_followup(999_999, None),
    ],
    "touches.tag_leads": [
        lambda s, i, p: s.touches.tag_leads([i], "t" * 61),  # `t` in the list: ended the app before
        lambda s, i, p: s.touches.tag_leads([999_999], "vip"),
    ],
    "touches.retag_lead": [
        lambda s, i, p: s.touches.retag_lead(i, ["t" * 61], []),
        lambda s, i, p: s.touches.retag_lead(999_999, ["vip"], []),
    ],
    "imports.bulk_insert_leads": [
        lambda s, i, p: s.imports.bulk_insert_leads(
            [{"first_name": "A", "email_key": "same@x.org"}] * 2,
        ),
    ],
    "imports.import_rows": [
        lambda s, i, p: s.imports.import_rows(
            s.imports.preview_import(_csv(p)), ImportOptions(on_duplicate="overwrite-everything")
        ),
    ],
    "imports.revert_import": [lambda s, i, p: s.imports.revert_import(999_999)],
    "imports.export_leads": [
        lambda s, i, p: s.imports.export_leads(p / "out.xls", ExportOptions(format="xls")),
        lambda s, i, p: s.imports.export_leads(s.path, ExportOptions()),
    ],
    "imports.forget_lead": [lambda s, i, p: s.imports.forget_lead(999_999)],
    "maintenance.backup": [lambda s, i, p: s.maintenance.backup("../../elsewhere")],
    "maintenance.restore": [lambda s, i, p: s.maintenance.restore(_csv(p))],
    "merges.merge": [
        lambda s, i, p: s.merges.merge(i, i),
        lambda s, i, p: s.merges.merge(i, 999_999),
    ],
    "merges.unmerge": [lambda s, i, p: s.merges.unmerge(999_999)],
    "views.save_view": [
        lambda s, i, p: s.views.save_view("  ", "stage:new", LeadSort()),
        lambda s, i, p: s.views.save_view("v" * 1000, "stage:new", LeadSort()),
        lambda s, i, p: s.views.save_view("Bad", "stage:nowhere", LeadSort()),
    ],
    "views.view": [lambda s, i, p: s.views.view("no such view")],
    "views.delete_view": [lambda s, i, p: s.views.delete_view("no such view")],
    "duplicates.mark_not_duplicate": [
        lambda s, i, p: s.duplicates.mark_not_duplicate(i, 999_999),
        lambda s, i, p: s.duplicates.mark_not_duplicate(i, i),
    ],
    "scoring.pin": [
        lambda s, i, p: s.scoring.pin(i, 101),
        lambda s, i, p: s.scoring.pin(i, -1),
        lambda s, i, p: s.scoring.pin(999_999, 50),
    ],
    "scoring.unpin": [lambda s, i, p: s.scoring.unpin(999_999)],
    "stage_editor.add": [
        lambda s, i, p: s.stage_editor.add("  "),
        lambda s, i, p: s.stage_editor.add("x" * 1000),
        lambda s, i, p: s.stage_editor.add("Nurture", kind="weird"),
        lambda s, i, p: s.stage_editor.add("New"),
        lambda s, i, p: s.stage_editor.add("Nurture", after="nowhere"),
    ],
    "stage_editor.move": [
        lambda s, i, p: s.stage_editor.move("nowhere", None),
        lambda s, i, p: s.stage_editor.move("new", "nowhere"),
    ],
    "stage_editor.remove": [
        lambda s, i, p: s.stage_editor.remove("nowhere"),
        lambda s, i, p: s.stage_editor.remove("contacted", "nowhere"),
    ],
    "stage_editor.rename": [
        lambda s, i, p: s.stage_editor.rename("nowhere", "X"),
        lambda s, i, p: s.stage_editor.rename("new", "  "),
    ],
    "stage_editor.reorder": [lambda s, i, p: s.stage_editor.reorder(["new"])],
    "stage_editor.set_cadence": [
        lambda s, i, p: s.stage_editor.set_cadence("nowhere", 3, 5),
        lambda s, i, p: s.stage_editor.set_cadence("new", 0, 5),
    ],
    "stage_editor.shift": [lambda s, i, p: s.stage_editor.shift("nowhere", 1)],
    "activities.delete": [lambda s, i, p: s.activities.delete(999_999)],
    "activities.edit": [
        lambda s, i, p: s.activities.edit(999_999, body="x"),
        lambda s, i, p: s.activities.edit(_activity(s, i), kind="telepathy"),
        lambda s, i, p: s.activities.edit(_activity(s, i), body="n" * 100_000),
    ],
    "team.assign": [
        lambda s, i, p: s.team.assign([i], "x" * 1000),
        lambda s, i, p: s.team.assign([999_999], "bob"),
    ],
}

NO_BAD_INPUT = {
    # Undo-friendly bulk verbs: unknown or already-done ids are skipped, returning [] / None.
    "leads.delete_leads": "ids not deleted yet are skipped (it returns those it deleted)",
    "leads.restore_leads": "ids not deleted are skipped (it returns those it restored)",
    "leads.restore_lead": "restoring a lead that is not deleted does nothing",
    "touches.delete_activity": "deleting an activity that is gone does nothing (a repeated undo)",
    "touches.untag_leads": "removing a tag nobody has does nothing (returns [])",
    "imports.forget_in_backups": "a person found in no backup is not an error (nothing to erase)",
    "duplicates.unmark_not_duplicate": "forgetting an answer never given does nothing (an undo)",
    "agenda.undo_touch": "undoing a touch already undone does nothing (a repeated undo)",
    "agenda.undo_followup": "undoing a follow-up change already undone does nothing",
    "views.views": "it takes no input: it lists every saved view",
    "scoring.recompute": "it takes no input: it rescores every unpinned lead",
    "scoring.rescore_decayed": "it takes no input: the clock and the last pass's mark choose",
    "scoring.rescore_since": "the import passes its own batch; an unknown one rescores nobody",
    "stage_editor.clear_cadence": "clearing a cadence that was never set does nothing",
    "stage_editor.restore": "it takes back what remove returned (an undo)",
    "activities.restore": "it takes back what delete returned (an undo)",
    "activities.undo_edit": "it takes back what edit returned (an undo)",
    "team.restore_owners": "it takes back what assign returned (an undo)",
}


def _activity(store: LeadStore, lead_id: int) -> int:
    """A note on the lead, for the edits that need an existing timeline entry."""
    activity = store.touches.add_activity(lead_id, "note", "hello")
    assert activity.id is not None
    return activity.id


def _csv(folder: Path) -> Path:
    path = folder / "in.csv"
    path.write_text("First name,Email\nAna,ana@example.com\n", encoding="utf-8")
    return path


def services() -> dict[str, object]:
    """The store's services by attribute name (``store.leads``, ``store.reads`` …)."""
    composed = LeadStore(cast(Backend, None))
    return {
        name: getattr(composed, name)
        for name, attribute in vars(LeadStore).items()
        if isinstance(attribute, LazyService)  # each made on first use (store/lazy.py)
    }


def public_writes() -> list[str]:
    """Every service method marked as a unit of work (a write), as ``service.method``."""
    return sorted(
        f"{attribute}.{name}"
        for attribute, service in services().items()
        for name, member in inspect.getmembers(type(service), inspect.isfunction)
        if getattr(member, "__leadtui_write__", False) and not name.startswith("_")
    )


def test_every_write_is_covered() -> None:
    """A new write method must come with bad inputs here (or a reason it has none)."""
    assert set(public_writes()) == set(BAD_WRITES) | set(NO_BAD_INPUT)
    assert not set(BAD_WRITES) & set(NO_BAD_INPUT)


@both_backends
@pytest.mark.parametrize(
    ("name", "index"),
    [(name, index) for name, calls in BAD_WRITES.items() for index in range(len(calls))],
)
def test_bad_input_raises_a_readable_leadtui_error(
    store: LeadStore, tmp_path: Path, name: str, index: int
) -> None:
    """Each write with bad input raises a LeadtuiError whose text is one readable line."""
    lead = store.leads.add_lead(LeadInput(first_name="Ana", email="ana@example.com"))
    assert lead.id is not None
    with pytest.raises(LeadtuiError) as caught:
        BAD_WRITES[name][index](store, lead.id, tmp_path)
    message = str(caught.value)
    assert message.strip() and "\n" not in message.strip(), message
    assert not re.search(r"Traceback|\[SQL:|sqlalchemy|pydantic\.|Error\(", message), message


@both_backends
def test_a_long_tag_leaves_the_lead_as_it_was(store: LeadStore) -> None:
    """The 61-character tag is refused with the field named, and nothing changes."""
    from leadtui.domain.validation import ValidationError

    lead = store.leads.add_lead(LeadInput(first_name="Ana"))
    assert lead.id is not None
    with pytest.raises(ValidationError) as caught:
        store.touches.tag_leads([lead.id], "t" * 61)
    assert caught.value.field == "tags"
    assert "60" in str(caught.value)
    assert store.reads.tags_of(lead.id) == []
    assert store.leads.get_lead(lead.id).version == lead.version


@both_backends
def test_driver_errors_are_translated_and_chained(store: LeadStore) -> None:
    """A constraint failure keeps the database's reason in the message, the cause chained."""
    import sqlite3

    import psycopg

    with pytest.raises(LeadtuiError, match="(?i)unique") as caught:
        store.imports.bulk_insert_leads([{"first_name": "A", "email_key": "k@x.org"}] * 2)
    assert isinstance(caught.value.__cause__, sqlite3.Error | psycopg.Error)


# -- the facade --------------------------------------------------------------------


def test_lead_store_has_no_inheritance_chain() -> None:
    """LeadStore and its services are composed, never inherited: each class at most one
    plain base above object."""
    classes: list[type] = [LeadStore, *(type(service) for service in services().values())]
    for cls in classes:
        chain = [base for base in cls.__mro__ if base not in (cls, object)]
        assert len(chain) <= 1, chain
        for base in chain:
            assert base.__bases__ == (object,), base


def test_lead_store_is_only_its_services() -> None:
    """The store delegates nothing itself: its public methods are the plumbing alone."""
    plumbing = {"now", "engine", "warm_up", "close", "release_reader"}  # and open(), a classmethod
    public = {name for name, _ in inspect.getmembers(LeadStore, inspect.isfunction)}
    assert {name for name in public if not name.startswith("_")} == plumbing


@pytest.mark.parametrize("backend", [SqliteBackend, PostgresBackend])
def test_backends_implement_the_protocol(backend: type) -> None:
    """Every method of the Backend protocol exists on each backend with the same parameters."""
    members = {
        name: member
        for name, member in vars(Backend).items()
        if not name.startswith("_") and (callable(member) or isinstance(member, property))
    }
    assert len(members) >= 30
    for name, member in members.items():
        found = getattr(backend, name, None)
        assert found is not None, name
        if isinstance(member, property):
            assert isinstance(found, property), name
            continue
        wanted = list(inspect.signature(member).parameters)
        assert list(inspect.signature(found).parameters) == wanted, name


def test_protocol_signatures_name_no_sqlite_type() -> None:
    """The protocol is dialect-neutral: no sqlite3 type in any of its annotations."""
    source = (PACKAGE / "storage" / "base.py").read_text(encoding="utf-8")
    assert "sqlite3" not in source
    assert "storage.sqlite" not in source


# -- SQLite stays in storage/sqlite/ ------------------------------------------------

SQLITE_ONLY = re.compile(
    r"PRAGMA|fts5|lead_fts|INDEXED BY|VACUUM INTO|application_id|user_version|immutable=|"
    r"BEGIN IMMEDIATE|julianday|INSERT OR (?:IGNORE|REPLACE)|\btemp\.|lastrowid|"
    r"^\s*import sqlite3|^\s*from sqlite3 ",
    re.IGNORECASE | re.MULTILINE,
)
ALLOWED: dict[str, str] = {
    # The CLI-facing docstring of the models mentions julianday() as a property of the
    # stored text format, no SQL.
    "storage/models.py": "a docstring mentions julianday()",
}


def test_sqlite_constructs_live_in_storage_sqlite_only() -> None:
    """No module outside storage/sqlite/ uses a SQLite-only construct (allow-list above)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("storage/sqlite/"):
            continue
        hits = SQLITE_ONLY.findall(path.read_text(encoding="utf-8"))
        if hits:
            found[relative] = hits
    unexpected = {name: hits for name, hits in found.items() if name not in ALLOWED}
    assert unexpected == {}
    stale = set(ALLOWED) - set(found)
    assert stale == set(), "allow-list entries no longer needed"
