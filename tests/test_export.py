"""Exports: spreadsheet-safe CSV, exact raw CSV, vCard 3.0, JSON; round trips are identities."""

from __future__ import annotations

import csv
import json
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import fixed_clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtui.domain.rows import LeadInput
from leadtui.domain.validation import clean_text
from leadtui.io.csv_import import ImportOptions
from leadtui.io.errors import ExportRefused
from leadtui.io.export import ExportOptions, neutralise
from leadtui.io.vcard_export import escape, fold
from leadtui.launch import open_store
from leadtui.store import LeadStore

_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Cf"))
_FORMULA = st.sampled_from(["=1+2", "+34 x", "-cmd", "@SUM(A1)", '=HYPERLINK("http://x")'])


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


texts = st.one_of(_FORMULA, st.text(_CHARS, max_size=12).map(_clean)).filter(
    lambda text: clean_text(text) == text
)
names = st.one_of(st.just(""), texts)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 1, 1)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
)
emails = st.builds(
    lambda local, n, domain: f"{local}{n}@{domain}",
    st.from_regex(r"[a-z][a-z0-9._+-]{0,8}[a-z0-9]", fullmatch=True).filter(
        lambda local: ".." not in local
    ),
    st.integers(0, 10**6),
    st.sampled_from(["example.org", "correo.es"]),
)
leads: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {
        "first_name": texts.filter(bool),
        "last_name": names,
        "company": names,
        "job_title": names,
        "email": st.one_of(st.none(), emails),
        "phone": st.sampled_from([None, "+34612345678", "+12025550143", "+34612345678 ext. 12"]),
        "website": st.sampled_from(["", "https://example.org/x?a=1", "example.es"]),
        "campaign": names,
        "utm_source": names,
        "consent": st.booleans(),
        "consent_at": st.one_of(st.none(), moments),
        "stage": st.sampled_from(["new", "won"]),
        "value_cents": st.integers(0, 10**9),
        "currency": st.sampled_from(["EUR", "USD"]),
        "score": st.one_of(st.none(), st.integers(0, 100)),
        "next_followup_at": st.one_of(st.none(), moments),
        "created_at": moments,
        "source": st.sampled_from(["manual", "ads", "import"]),
        "tags": st.lists(texts.filter(bool), max_size=3, unique=True).map(sorted),
    }
)


def _phones_only_with_emails(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two leads sharing a phone and no email would rightly be merged by the import."""
    return [{**lead, "phone": lead["phone"] if lead["email"] else None} for lead in found]


def _identity(lead: dict[str, Any]) -> str:
    return str(lead["email"] or id(lead))


lead_lists = st.lists(leads, min_size=1, max_size=6, unique_by=_identity).map(
    _phones_only_with_emails
)


def _with_keys(lead: dict[str, Any]) -> dict[str, Any]:
    from leadtui.domain.validation import email_key, normalize_phone

    return {
        **lead,
        "email_key": email_key(lead["email"]),
        "phone_e164": normalize_phone(lead["phone"])[1],
    }


def _round_trip(rows: list[dict[str, Any]], fmt: str) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        first = open_store(Path(folder) / "a.db", clock=fixed_clock)
        second = open_store(Path(folder) / "b.db", clock=fixed_clock)
        try:
            first.imports.bulk_insert_leads([_with_keys(row) for row in rows])
            out_a, out_b = Path(folder) / f"a.{fmt}", Path(folder) / f"b.{fmt}"
            first.imports.export_leads(out_a, ExportOptions(format=fmt, raw=True))
            report = second.imports.import_rows(
                second.imports.preview_import(out_a), ImportOptions()
            )
            assert report.imported == len(rows), report.as_dict()
            second.imports.export_leads(out_b, ExportOptions(format=fmt, raw=True))
            return out_a.read_text("utf-8"), out_b.read_text("utf-8")
        finally:
            first.close()
            second.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lead_lists)
def test_raw_csv_export_import_is_identity(rows: list[dict[str, Any]]) -> None:
    exported, again = _round_trip(rows, "csv")
    assert again == exported
    assert len(list(csv.reader(exported.splitlines()))) == len(rows) + 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lead_lists)
def test_vcard_export_import_is_identity(rows: list[dict[str, Any]]) -> None:
    exported, again = _round_trip(rows, "vcf")
    assert again == exported
    # Card starts are whole lines: a tag or name may itself read "BEGIN:VCARD".
    assert exported.splitlines().count("BEGIN:VCARD") == len(rows)


def test_vcard_values_that_look_like_card_lines_stay_values(
    store: LeadStore, tmp_path: Path
) -> None:
    """The case hypothesis found: a tag "BEGIN:VCARD" must not start a card of its own."""
    blank: dict[str, Any] = {
        "last_name": "",
        "company": "",
        "job_title": "",
        "email": None,
        "phone": None,
        "website": "",
        "campaign": "",
        "utm_source": "",
        "consent": False,
        "consent_at": None,
        "stage": "new",
        "value_cents": 0,
        "currency": "EUR",
        "score": None,
        "next_followup_at": None,
        "source": "manual",
        "created_at": datetime(2000, 1, 1, tzinfo=UTC),
    }
    rows = [
        {**blank, "first_name": "=1+2", "tags": []},
        {**blank, "first_name": "=1+2", "tags": ["BEGIN:VCARD"]},
    ]
    exported, again = _round_trip(rows, "vcf")
    assert again == exported
    assert exported.splitlines().count("BEGIN:VCARD") == 2
    assert "CATEGORIES:BEGIN:VCARD" in exported.splitlines()


def test_csv_is_spreadsheet_safe_by_default(store: LeadStore, tmp_path: Path) -> None:
    store.leads.add_lead(
        LeadInput(
            first_name="=cmd|' /C calc'!A0",
            last_name="@SUM(1+1)",
            company="-2+3",
            email="safe@example.org",
            phone="+34 612 345 678",
            tags=["\tx"],
        ),
        strict_phone=False,
    )
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    store.imports.export_leads(safe, ExportOptions())
    store.imports.export_leads(raw, ExportOptions(raw=True))
    safe_row = next(
        csv.DictReader(
            safe.read_text("utf-8-sig").splitlines()[0:1]
            + safe.read_text("utf-8-sig").splitlines()[1:]
        )
    )
    assert safe_row["first_name"] == "'=cmd|' /C calc'!A0"
    assert safe_row["last_name"] == "'@SUM(1+1)"
    assert safe_row["company"] == "'-2+3"
    assert safe_row["phone"] == "'+34612345678"
    assert all(
        not value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in safe_row.values()
    )
    raw_row = next(csv.DictReader(raw.read_text("utf-8").splitlines()))
    assert raw_row["first_name"] == "=cmd|' /C calc'!A0"
    assert raw_row["phone"] == "+34612345678"
    # A value that itself starts with a quote and a formula character gets a guard too: the
    # import takes one off (and a spreadsheet shows the rest as typed), so "'=c" comes back.
    cells = ("=a", "\rb", "ok", "'=c", "'ok", "''=d")
    assert [neutralise(cell) for cell in cells] == ["'=a", "'\rb", "ok", "''=c", "'ok", "''=d"]
    # A safe export imports back to the same people (the phone's quote is dropped).
    other = open_store(tmp_path / "other.db", clock=fixed_clock)
    report = other.imports.import_rows(other.imports.preview_import(safe), ImportOptions())
    assert report.imported == 1
    assert other.leads.find_by_email("safe@example.org").phone == "+34612345678"  # type: ignore[union-attr]
    other.close()


def test_never_overwrites_without_force_nor_the_database(store: LeadStore, tmp_path: Path) -> None:
    store.leads.add_lead(LeadInput(first_name="Ana", email="ana@example.org"))
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    with pytest.raises(ExportRefused, match="--force"):
        store.imports.export_leads(target, ExportOptions())
    assert target.read_text() == "keep me"
    for protected in (store.path, Path(f"{store.path}-wal")):
        with pytest.raises(ExportRefused, match="is the database"):
            store.imports.export_leads(protected, ExportOptions(force=True))
    assert store.imports.export_leads(target, ExportOptions(force=True)) == 1
    assert "ana@example.org" in target.read_text("utf-8-sig")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_json_has_activities_and_history(store: LeadStore, tmp_path: Path) -> None:
    lead = store.leads.add_lead(LeadInput(first_name="Ana", email="ana@example.org", tags=["vip"]))
    assert lead.id is not None
    store.touches.add_activity(lead.id, "call", "Llamada [bold]ok")
    store.pipeline.move_lead(lead.id, "contacted", "interested")
    store.leads.add_lead(LeadInput(first_name="Other", email="other@example.org"))
    target = tmp_path / "one.json"
    assert store.imports.export_leads(target, ExportOptions(format="json", lead_id=lead.id)) == 1
    data = json.loads(target.read_text("utf-8"))
    (exported,) = data["leads"]
    assert exported["email"] == "ana@example.org" and exported["tags"] == ["vip"]
    assert [a["body"] for a in exported["activities"]] == ["Llamada [bold]ok"]
    assert [(h["from_stage"], h["to_stage"]) for h in exported["history"]] == [
        (None, "new"),
        ("new", "contacted"),
    ]


def test_vcard_escaping_and_folding() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("NOTE:" + "é" * 80)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "NOTE:" + "é" * 80 + "\r\n"


def test_export_cli_by_stage_and_lead(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from leadtui.cli import main

    db = tmp_path / "c.db"
    runner = CliRunner()
    runner.invoke(main, ["--db", str(db), "add", "--first-name", "A", "--email", "a@example.org"])
    runner.invoke(
        main,
        ["--db", str(db), "add", "--first-name", "B", "--email", "b@example.org", "--stage", "won"],
    )
    result = runner.invoke(
        main, ["--db", str(db), "export", str(tmp_path / "won.vcf"), "--stage", "won"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "won.vcf").read_text().count("BEGIN:VCARD") == 1
    result = runner.invoke(
        main, ["--db", str(db), "export", str(tmp_path / "a.json"), "--lead", "A@example.org"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "a.json").read_text())["leads"][0]["first_name"] == "A"
