"""The JSON export is the full-fidelity backup: importing it restores leads, tags,
activities and stage history exactly (export → import → export is the identity), and a
file that is not one fails with one clear line."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtui.cli import main
from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.io.export import ExportOptions
from leadtui.launch import open_store
from leadtui.store import LeadStore

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
TEXT = st.text(
    st.characters(categories=("L", "M", "N", "P", "S", "Zs")) | st.sampled_from(list("\"',;[]{}")),
    max_size=12,
).map(str.strip)
LEADS = st.lists(
    st.fixed_dictionaries(
        {
            "first": TEXT.filter(bool),
            "company": TEXT,
            "cents": st.integers(0, 10**10),
            "currency": st.sampled_from(["EUR", "USD"]),
            "tags": st.lists(TEXT.filter(bool), max_size=3, unique_by=str.casefold),
            "stages": st.lists(st.sampled_from(["contacted", "qualified", "won"]), max_size=3),
            "notes": st.lists(TEXT.filter(bool), max_size=2),
            "deleted": st.booleans(),
        }
    ),
    min_size=1,
    max_size=4,
)


def _clock(step: list[int]) -> Any:
    def now() -> datetime:
        step[0] += 1
        return NOW + timedelta(minutes=step[0])

    return now


def _without_ids(data: Any) -> Any:
    """The export with what a new database gives anew left out: ids and the batch."""
    if isinstance(data, dict):
        return {
            key: _without_ids(value)
            for key, value in data.items()
            if key not in ("id", "import_batch_id")
        }
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    return data


def _fill(store: LeadStore, people: list[dict[str, Any]]) -> None:
    for index, person in enumerate(people):
        lead = store.leads.add_lead(
            LeadInput(
                first_name=person["first"],
                email=f"p{index}@example.org",
                company=person["company"],
                value_cents=person["cents"],
                currency=person["currency"],
                tags=person["tags"],
            )
        )
        assert lead.id is not None
        for stage in person["stages"]:
            store.pipeline.move_lead(lead.id, stage, "because")
        for note in person["notes"]:
            store.touches.add_activity(lead.id, "note", note)
        if person["deleted"]:
            store.leads.delete_lead(lead.id)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LEADS)
def test_json_export_import_export_is_the_identity(people: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = open_store(base / "a.db", clock=_clock([0]))
        _fill(source, people)
        first = base / "first.json"
        source.imports.export_leads(first, ExportOptions(format="json"))
        source.close()
        again = open_store(base / "b.db", clock=_clock([1000]))
        report = again.imports.import_rows(again.imports.preview_import(first), ImportOptions())
        live = sum(not person["deleted"] for person in people)  # the export leaves out the bin
        assert (report.imported, report.rejected, report.skipped) == (live, 0, 0)
        second = base / "second.json"
        again.imports.export_leads(second, ExportOptions(format="json"))
        assert report.batch_id is not None
        assert again.imports.import_changes(report.batch_id) == []  # restored, not changed since
        again.close()
        before = json.loads(first.read_text(encoding="utf-8"))
        after = json.loads(second.read_text(encoding="utf-8"))
        assert _without_ids(after) == _without_ids(before)


def _cli(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def test_restore_skips_what_is_there_and_reverts(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    assert _cli(db, "add", "--first-name", "Ana", "--email", "ana@example.org").exit_code == 0
    assert _cli(db, "add", "--first-name", "Bea", "--email", "bea@example.org").exit_code == 0
    assert _cli(db, "export", str(tmp_path / "all.json")).exit_code == 0
    assert _cli(db, "forget", "bea@example.org", "--yes", "--keep-backups").exit_code == 0
    result = _cli(db, "import", str(tmp_path / "all.json"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["imported"], report["skipped"]) == (1, 1)
    assert report["skips"][0]["reason"] == "this email is already a lead"
    assert _cli(db, "import", "--revert", str(report["batch_id"]), "--yes").exit_code == 0


def test_a_broken_json_file_fails_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    for name, text, expected in (
        ("bad.json", '{"format": "leadtui", "leads": [', "is not valid JSON (line 1"),
        ("other.json", '{"rows": []}', "is JSON but not a leadtui export"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = _cli(db, "import", str(path))
        assert result.exit_code == 1
        assert expected in result.output and len(result.output.splitlines()) == 1


def test_a_bad_lead_is_rejected_with_a_short_reason(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    leads = [{"first_name": "Ana", "stage": "nowhere", "created_at": "2026-03-16 10:00:00"}]
    path.write_text(json.dumps({"format": "leadtui", "version": 1, "leads": leads}))
    result = _cli(tmp_path / "leads.db", "import", str(path), "--json")
    report = json.loads(result.output)
    assert report["rejected"] == 1
    assert report["rejections"][0] == {
        "row": 1,
        "line": 0,
        "column": "stage",
        "reason": "unknown stage nowhere",
    }
