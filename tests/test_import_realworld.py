"""Issue #12: real-world imports never lose a person (fixtures in ``fixtures/import/realworld``).

An import may refuse a whole file (one line, exit 1), but every row that names a
person ends imported, updated, merged, skipped as a duplicate or rejected with a
reason; a bad optional value is left out of the lead, kept in its import note and
reported as a warning.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore

REALWORLD = Path(__file__).parent / "fixtures" / "import" / "realworld"


def query(store: LeadStore, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows straight from the database file."""
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def run(store: LeadStore, name: str, **options: Any) -> Any:
    """Preview and import one fixture."""
    preview = store.preview_import(REALWORLD / name)
    return store.import_rows(preview, ImportOptions(**options))


def notes_of(store: LeadStore, email: str | None = None, company: str | None = None) -> str:
    """Every note on the timeline of the lead with that email (or company)."""
    where, value = ("l.email = ?", email) if email else ("l.company = ?", company)
    rows = query(
        store,
        f"SELECT a.body FROM activity a JOIN lead l ON l.id = a.lead_id "
        f"WHERE a.kind = 'note' AND {where}",
        value,
    )
    return "\n".join(row[0] for row in rows)


# -- 1. keep the person, drop the field ---------------------------------------------------


def test_bad_optional_values_are_left_out_noted_and_warned(store: LeadStore) -> None:
    report = run(store, "bad_optional_values.csv")
    assert (report.rows_read, report.imported, report.rejected) == (5, 3, 2)
    assert report.with_warnings == 2
    leads = query(
        store,
        "SELECT first_name, last_name, email, phone, company, website, stage, value_cents "
        "FROM lead ORDER BY id",
    )
    assert leads[0][:6] == ("Ana", "Torres", None, "+34612000001", "Torres SL", "")
    assert leads[0][6:] == ("new", 10000)
    assert leads[1][:3] == ("Bob", "Stone", None)
    assert leads[2][4] == "Solo Company SL"
    warned = {(issue.row, issue.column, issue.value) for issue in report.warnings}
    assert {
        (1, "Email", "ana torres@example.com"),
        (1, "Website", "http\\://www.ibm.com"),
        (2, "Email", "urn:li:member:12345"),
        (2, "Stage", "no-such-stage"),
        (2, "Amount", "abc"),
        (2, "Created", "not a date"),
    } <= warned
    assert all(issue.reason for issue in report.warnings)
    ana = query(store, "SELECT id FROM lead WHERE company = 'Torres SL'")[0][0]
    body = "\n".join(
        row[0] for row in query(store, "SELECT body FROM activity WHERE lead_id = ?", ana)
    )
    assert "http\\://www.ibm.com" in body and "ana torres@example.com" in body
    rejected = {issue.row: issue for issue in report.rejections}
    assert rejected[4].reason.startswith("no name, email, phone or company")
    assert rejected[5].column == "Email" and rejected[5].value == "bad email"
    assert report.as_dict()["warnings"][0]["value"]


# -- 2. vCard the way real devices write it -----------------------------------------------


def people(store: LeadStore) -> set[tuple[Any, ...]]:
    """``(first, last, email, phone, company)`` of every lead."""
    return set(query(store, "SELECT first_name, last_name, email, phone, company FROM lead"))


def test_android_outlook_21_quoted_printable(store: LeadStore) -> None:
    report = run(store, "android_21.vcf")
    assert (report.rows_read, report.imported, report.rejected) == (3, 3, 0)
    assert people(store) == {
        ("María José", "García Fernández", "mariajose@android-example.es", "+34611000111", ""),
        ("Sofía", "Ibáñez", None, "+34622000333", ""),
        ("José", "Muñoz", "jose.munoz@outlook-example.es", None, ""),
    }
    notes = {row[0] for row in query(store, "SELECT body FROM activity WHERE kind = 'note'")}
    assert "Primera línea\nSegunda línea, con coma; y punto y coma" in notes
    assert "Sin CHARSET pero en UTF-8: mañana" in notes


def test_lotus_notes_profile_lines_and_escapes(store: LeadStore) -> None:
    report = run(store, "lotus_notes.vcf")
    assert (report.imported, report.rejected) == (1, 0)
    row = query(store, "SELECT last_name, company, job_title, website FROM lead")[0]
    assert row == (
        "Ruiz, Jr.",
        "Ruiz; Hijos, S.A.",
        "Director: Ventas",
        "http://www.lotus-example.com",
    )
    assert notes_of(store, email="pedro.ruiz@lotus-example.com") == "Uno, dos; tres\nCuatro"


def test_apple_item_groups_photo_and_company_card(store: LeadStore) -> None:
    report = run(store, "apple_icloud.vcf")
    assert (report.imported, report.rejected) == (2, 0)
    assert people(store) == {
        ("Jane", "Smith", "jane@icloud-example.com", "+14155550134", "Smith & Co"),
        ("Acme Corp", "", None, "+12125550199", "Acme Corp"),
    }


def test_tel_uri_extension_and_odd_line_ends(store: LeadStore) -> None:
    report = run(store, "tel_uri_odd_lines.vcf")
    assert (report.imported, report.rejected) == (2, 0)
    phones = {row[0] for row in query(store, "SELECT phone FROM lead")}
    assert phones == {"+15555555555 ext. 5555", "+34633000444"}


def test_one_unreadable_card_is_rejected_with_its_line_and_the_rest_imports(
    store: LeadStore,
) -> None:
    report = run(store, "broken_card_among_good.vcf")
    assert (report.rows_read, report.imported, report.rejected) == (4, 2, 2)
    lines = {issue.line: issue.reason for issue in report.rejections}
    assert set(lines) == {6, 11}
    assert "line 9" in lines[6]
    assert "END:VCARD" in lines[11]
