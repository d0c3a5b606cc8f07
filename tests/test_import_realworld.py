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

import pytest

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
    preview = store.imports.preview_import(REALWORLD / name)
    return store.imports.import_rows(preview, ImportOptions(**options))


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


# -- 3. refuse what cannot be read, in one line, exit 1 -----------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "person"),
    [
        ("utf16le_no_bom.vcf", "utf-16-le", ("Begoña", "Núñez")),
        ("utf16be_no_bom.csv", "utf-16-be", ("Íñigo", "")),
        ("utf32_bom.csv", "utf-32", ("Zoë", "")),
        ("utf32le_no_bom.csv", "utf-32-le", ("Chloé", "")),
    ],
)
def test_utf16_and_utf32_with_or_without_bom(
    store: LeadStore, name: str, encoding: str, person: tuple[str, str]
) -> None:
    preview = store.imports.preview_import(REALWORLD / name)
    assert preview.encoding == encoding
    report = store.imports.import_rows(preview, ImportOptions())
    assert (report.rows_read, report.imported) == (1, 1)
    assert query(store, "SELECT first_name, last_name FROM lead") == [person]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("headerless.csv", "No column was recognised: the first row looks like data"),
        ("header_only.csv", "No record found"),
        ("workbook_renamed.csv", "workbook_renamed.csv is an Excel workbook"),
        ("contacts.zip.csv", "contacts.zip.csv is a zip archive"),
        ("photo.vcf", "photo.vcf is an image"),
    ],
)
def test_unreadable_files_refused_in_one_line_exit_1(
    tmp_path: Path, name: str, message: str
) -> None:
    from click.testing import CliRunner

    from leadtui.cli import main

    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "x.db"), "import", str(REALWORLD / name)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_no_header_with_positional_map(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from leadtui.cli import main

    args = ["--db", str(tmp_path / "x.db"), "import", str(REALWORLD / "headerless.csv")]
    refused = CliRunner().invoke(main, [*args, "--no-header"])
    assert refused.exit_code == 1 and "--map 1=first_name" in refused.output
    result = CliRunner().invoke(
        main,
        [
            *args,
            "--no-header",
            "--map",
            "1=first_name",
            "--map",
            "2=last_name",
            "--map",
            "3=email",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["rows_read"], report["imported"]) == (2, 2)


# -- 6. phone region is explicit ----------------------------------------------------------


def test_region_from_option_setting_locale_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from leadtui.io.errors import ImportRefused
    from leadtui.io.phones import phone_region

    monkeypatch.delenv("LEADTUI_REGION", raising=False)
    for name in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert phone_region() is None
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert phone_region() == "MX"
    monkeypatch.setenv("LEADTUI_REGION", "ar")
    assert phone_region() == "AR"
    assert phone_region("us") == "US"
    assert phone_region("none") is None
    with pytest.raises(ImportRefused):
        phone_region("Spain")


def test_national_number_without_region_kept_as_typed_and_reported(
    store: LeadStore, tmp_path: Path
) -> None:
    path = tmp_path / "phones.csv"
    path.write_text("Name,Phone\nAna,612 345 678\nBen,+34 612 345 679\n", encoding="utf-8")
    report = store.imports.import_rows(
        store.imports.preview_import(path), ImportOptions(region=None)
    )
    assert report.imported == 2
    assert set(query(store, "SELECT phone, phone_e164 FROM lead")) == {
        ("612 345 678", None),
        ("+34612345679", "+34612345679"),
    }
    assert [(n.row, n.column, n.value) for n in report.notices] == [(1, "Phone", "612 345 678")]
    spain = store.imports.import_rows(
        store.imports.preview_import(path), ImportOptions(region="ES")
    )
    assert spain.skipped == 1  # Ben again; Ana's number now has a country


# -- 4. precise mapping ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Manager's Name", "ignore"),
        ("Maiden Name", "ignore"),
        ("Screen Name", "ignore"),
        ("Name Prefix", "ignore"),
        ("Nickname", "ignore"),
        ("Campaign Name", "campaign"),
        ("Name", "full_name"),
        ("Nombre", "first_name"),
        ("What is your name?", "full_name"),
        ("¿Cuál es tu nombre?", "full_name"),
        ("Customer Last Name", "last_name"),
        ("Phonetic Last Name", "ignore"),
        ("Custom Field 1 - Value", "ignore"),
        ("Event 1 - Value", "ignore"),
        ("Amount", "value"),
        ("Stage", "stage"),
        ("Lifecycle stage of the deal", "ignore"),
    ],
)
def test_keywords_never_guess_name_value_or_stage_from_a_word(header: str, field: str) -> None:
    from leadtui.io.mapping import keyword_field

    assert keyword_field(header) == field


def test_honorific_title_beside_job_title_and_google_organization_parts() -> None:
    from leadtui.io.formats import GENERIC
    from leadtui.io.layouts_contacts import GOOGLE_CONTACTS
    from leadtui.io.mapping import guess_mapping

    assert guess_mapping(GENERIC, ["Title", "First Name", "Job Title"]) == [
        "ignore",
        "first_name",
        "job_title",
    ]
    assert guess_mapping(GENERIC, ["Title", "Email"]) == ["job_title", "email"]
    google = [
        "Organization 1 - Name",
        "Organization 1 - Title",
        "Organization 1 - Department",
        "Organization 1 - Symbol",
        "Organization 1 - Location",
        "IM 1 - Value",
        "Relation 1 - Value",
        "Custom Field 1 - Value",
    ]
    assert guess_mapping(GOOGLE_CONTACTS, google) == ["company", "job_title"] + ["ignore"] * 6


# -- 5. where leads really come from --------------------------------------------------------


def test_meta_lead_ads_campaign_source_and_capture_time(store: LeadStore) -> None:
    preview = store.imports.preview_import(REALWORLD / "meta_lead_ads.csv")
    assert (preview.format.key, preview.encoding, preview.delimiter) == (
        "meta-lead-ads",
        "utf-16",
        "\t",
    )
    report = store.imports.import_rows(preview, ImportOptions())
    assert (report.imported, report.rejected) == (2, 0)
    rows = query(
        store,
        "SELECT first_name, last_name, phone, source, campaign, utm_campaign, utm_source, "
        "created_at FROM lead ORDER BY id",
    )
    assert rows[0][:7] == (
        "Marta",
        "Solís",
        "+34655000777",
        "ads",
        "Formulario web",
        "Primavera 2024",
        "fb",
    )
    assert rows[0][7].startswith("2024-05-02 08:15:00")
    assert rows[1][6] == "ig"


@pytest.mark.parametrize(
    ("name", "fmt", "person"),
    [
        ("outlook.csv", "outlook", ("Elena", "Vega", "elena@outlook-example.es", "Director")),
        ("thunderbird.csv", "thunderbird", ("Iker", "Sanz", "iker@tb-example.es", "Designer")),
        ("linkedin_connections_old.csv", "linkedin", ("Hugo", "Paz", "hugo@li-example.com", "CTO")),
        (
            "google_contacts_extra_columns.csv",
            "google-contacts",
            ("Nora", "Blanco", "nora@gc-example.es", "Gerente"),
        ),
    ],
)
def test_vendor_layouts_map_by_exact_header(
    store: LeadStore, name: str, fmt: str, person: tuple[str, ...]
) -> None:
    preview = store.imports.preview_import(REALWORLD / name)
    assert preview.format.key == fmt
    report = store.imports.import_rows(preview, ImportOptions())
    assert report.rejected == 0
    assert person in query(store, "SELECT first_name, last_name, email, job_title FROM lead")
    assert query(store, "SELECT value_cents FROM lead WHERE value_cents != 0") == []


def test_google_contacts_extra_columns_not_imported_and_shown() -> None:
    from leadtui.io.reader import open_preview

    preview = open_preview(REALWORLD / "google_contacts_extra_columns.csv")
    assert {"Organization 1 - Department", "IM 1 - Value", "Custom Field 1 - Value"} <= set(
        preview.not_imported
    )
    assert preview.mapping[preview.header.index("Name Prefix")] == "ignore"


def test_xlsx_first_sheet_or_by_name_dates_as_dates(store: LeadStore) -> None:
    preview = store.imports.preview_import(REALWORLD / "hubspot.xlsx")
    assert (preview.format.key, preview.encoding) == ("hubspot", "xlsx")
    report = store.imports.import_rows(preview, ImportOptions(region="ES"))
    assert (report.rows_read, report.imported) == (2, 2)
    assert set(query(store, "SELECT first_name, phone, created_at FROM lead")) == {
        ("Alba", "+34611222333", "2024-04-01 09:30:00"),
        ("Teo", "+34611222444", "2024-04-02 12:00:00"),
    }
    other = store.imports.preview_import(REALWORLD / "hubspot.xlsx", sheet="Otros")
    assert store.imports.import_rows(other, ImportOptions()).imported == 1


# -- every fixture: nobody silently lost -----------------------------------------------------

READABLE = sorted(
    path.name
    for path in REALWORLD.iterdir()
    if path.suffix in (".csv", ".vcf", ".xlsx")
    and path.name
    not in {
        "headerless.csv",
        "header_only.csv",
        "workbook_renamed.csv",
        "contacts.zip.csv",
        "photo.vcf",
    }
)


@pytest.mark.parametrize("name", READABLE)
def test_nobody_silently_lost(store: LeadStore, name: str) -> None:
    """Rows naming someone = imported + updated + merged + skipped + rejected with a reason,
    and each lead imported is in the database."""
    for mode in ("skip", "merge"):
        report = run(store, name, on_duplicate=mode)
        assert report.accounted == report.rows_read
        assert all(issue.reason and issue.row for issue in report.rejections + report.skips)
        assert all(issue.value and issue.reason for issue in report.warnings)
    assert query(store, "SELECT count(*) FROM lead")[0][0] >= report.imported
