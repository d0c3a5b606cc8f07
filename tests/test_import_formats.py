"""Each fixture (format × encoding × dialect) imports with the right detection and counts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from leadtui.io.csv_import import ImportOptions
from leadtui.io.errors import ImportRefused
from leadtui.store import LeadStore

FIXTURES = Path(__file__).parent / "fixtures" / "import"

# file, format, encoding, delimiter, rows read, imported, skipped, rejected
CASES: list[tuple[str, str, str, str, int, int, int, int]] = [
    ("hubspot_en.csv", "hubspot", "utf-8", ",", 4, 4, 0, 0),
    ("hubspot_es.csv", "hubspot", "utf-8-sig", ";", 2, 2, 0, 0),
    ("mailchimp_subscribed.csv", "mailchimp", "utf-8", ",", 2, 2, 0, 0),
    ("mailchimp_unsubscribed.csv", "mailchimp-unsubscribed", "utf-8", ",", 2, 2, 0, 0),
    ("mailchimp_cleaned.csv", "mailchimp-cleaned", "utf-8", ",", 1, 1, 0, 0),
    ("google_contacts.csv", "google-contacts", "utf-8", ",", 2, 2, 0, 0),
    ("google_contacts_legacy.csv", "google-contacts-legacy", "utf-16", ",", 1, 1, 0, 0),
    ("linkedin_connections.csv", "linkedin", "utf-8", ",", 2, 2, 0, 0),
    ("typeform_en.csv", "typeform", "utf-8", ",", 2, 2, 0, 0),
    ("google_forms_es.csv", "google-forms-es", "cp1252", ";", 2, 2, 0, 0),
    ("google_forms_en.tsv", "google-forms", "utf-8", "\t", 2, 1, 1, 0),
    ("generic_quoted_newlines.csv", "csv", "utf-8", ",", 2, 2, 0, 0),
    ("control_chars.csv", "csv", "utf-8", ",", 2, 2, 0, 0),
    ("vcard21.vcf", "vcard", "utf-8", "", 1, 1, 0, 0),
    ("vcard30.vcf", "vcard", "utf-8", "", 2, 1, 0, 1),
    ("vcard40.vcf", "vcard", "utf-8", "", 1, 1, 0, 0),
]


def query(store: LeadStore, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows straight from the database file."""
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def run(store: LeadStore, name: str, **options: Any) -> Any:
    """Preview and import one fixture."""
    preview = store.imports.preview_import(FIXTURES / name)
    return store.imports.import_rows(preview, ImportOptions(**options))


@pytest.mark.parametrize(
    ("name", "fmt", "encoding", "delimiter", "read", "imported", "skipped", "rejected"), CASES
)
def test_fixture_detected_and_accounted(
    store: LeadStore,
    name: str,
    fmt: str,
    encoding: str,
    delimiter: str,
    read: int,
    imported: int,
    skipped: int,
    rejected: int,
) -> None:
    preview = store.imports.preview_import(FIXTURES / name)
    assert (preview.format.key, preview.encoding, preview.delimiter) == (fmt, encoding, delimiter)
    report = store.imports.import_rows(preview, ImportOptions())
    assert (report.rows_read, report.imported, report.skipped, report.rejected) == (
        read,
        imported,
        skipped,
        rejected,
    )
    assert report.accounted == report.rows_read
    assert len(report.rejections) == report.rejected
    assert all(issue.row and issue.column and issue.reason for issue in report.rejections)
    assert query(store, "SELECT count(*) FROM lead")[0][0] == imported


@pytest.mark.parametrize("name", [case[0] for case in CASES])
def test_accounting_holds_in_every_duplicate_mode(store: LeadStore, name: str) -> None:
    for mode in ("skip", "update", "merge"):
        report = run(store, name, on_duplicate=mode)
        assert report.accounted == report.rows_read
    again = run(store, name, on_duplicate="skip")
    # Every row is now a duplicate or a rejection, except people with neither email nor
    # phone (nothing to recognise them by): LinkedIn's Sofía, HubSpot's Bad Address (whose
    # invalid email was left out).
    unkeyed = 1 if name in ("linkedin_connections.csv", "hubspot_en.csv") else 0
    assert again.imported == unkeyed
    assert again.skipped + again.rejected == again.rows_read - unkeyed


def test_spanish_text_survives_each_encoding(store: LeadStore) -> None:
    for name in ("hubspot_es.csv", "google_forms_es.csv", "google_contacts_legacy.csv"):
        run(store, name)
    names = {
        row[0] + " " + row[1] for row in query(store, "SELECT first_name, last_name FROM lead")
    }
    assert {
        "Lucía Fernández",
        "José Ángel Núñez",
        "Íñigo Zubiría",
        "Begoña Ruiz",
        "Rosa Vidal",
    } <= names
    assert ("Ñandú Digital, S.L.",) in query(store, "SELECT company FROM lead")


def test_mailchimp_unsubscribed_kept_without_consent(store: LeadStore) -> None:
    run(store, "mailchimp_subscribed.csv")
    run(store, "mailchimp_unsubscribed.csv")
    run(store, "mailchimp_cleaned.csv")
    consent = dict(query(store, "SELECT email, consent FROM lead"))
    assert consent == {
        "ana.sub@news-example.com": 1,
        "ben.sub@news-example.com": 1,
        "carla.unsub@news-example.com": 0,
        "dan.unsub@news-example.com": 0,
        "bounced@news-example.com": 0,
    }
    assert query(store, "SELECT source FROM lead GROUP BY source") == [("newsletter",)]
    tags = query(store, "SELECT t.name FROM leadtag l JOIN tag t ON t.id = l.tag_id ORDER BY 1")
    assert tags == [("Clientes",), ("VIP",)]


def test_unsubscribe_updates_consent_of_an_existing_subscriber(store: LeadStore) -> None:
    run(store, "mailchimp_subscribed.csv")
    path = FIXTURES / "mailchimp_unsubscribed.csv"
    text = path.read_text().replace("carla.unsub@news-example.com", "ana.sub@news-example.com")
    moved = store.path.parent / "unsub.csv"
    moved.write_text(text)
    report = store.imports.import_rows(
        store.imports.preview_import(moved), ImportOptions(on_duplicate="merge")
    )
    assert report.merged == 1
    live = "deleted_at IS NULL"  # the row's own lead is merged away (kept for unmerge)
    assert query(
        store, f"SELECT consent FROM lead WHERE email = 'ana.sub@news-example.com' AND {live}"
    ) == [(0,)]


def test_google_contacts_multi_values_and_labels(store: LeadStore) -> None:
    run(store, "google_contacts.csv")
    assert query(store, "SELECT email, phone, job_title FROM lead WHERE last_name = 'Gómez'") == [
        ("marta@gomez-example.es", "+34699111222", "Socia")
    ]
    notes = [body for (body,) in query(store, "SELECT body FROM activity ORDER BY id")]
    assert "Conocida en la feria.\nLlamar en abril." in notes
    assert any("marta.personal@example.org" in note for note in notes)
    tags = query(store, "SELECT t.name FROM leadtag l JOIN tag t ON t.id = l.tag_id")
    assert tags == [("Feria 2024",)]  # system labels like "* myContacts" are not tags


def test_forms_map_question_titles_and_day_first_dates(store: LeadStore) -> None:
    run(store, "google_forms_es.csv")
    assert query(
        store, "SELECT first_name, last_name, company, consent, created_at FROM lead ORDER BY id"
    ) == [
        ("Íñigo", "Zubiría", "Ondarreta S.Coop.", 1, "2024-03-05 09:15:02"),
        ("Begoña", "Ruiz", "Txoko Digital", 1, "2024-03-14 18:40:11"),
    ]
    run(store, "google_forms_en.tsv")
    assert query(store, "SELECT created_at FROM lead WHERE email = 'mike@forms-example.com'") == [
        ("2024-03-15 10:22:33",)
    ]
    run(store, "typeform_en.csv")
    assert query(
        store, "SELECT first_name, last_name, consent FROM lead WHERE email LIKE '%navy%'"
    ) == [("Grace", "Hopper", 1)]


def test_linkedin_notes_above_header_and_missing_emails(store: LeadStore) -> None:
    report = run(store, "linkedin_connections.csv")
    assert report.imported == 2
    assert query(store, "SELECT first_name, email, source, created_at FROM lead ORDER BY id") == [
        ("Sofía", None, "social", "2024-03-15 00:00:00"),
        ("Kenji", "kenji@example.jp", "social", "2023-01-02 00:00:00"),
    ]


def test_vcards_of_each_version(store: LeadStore) -> None:
    for name in ("vcard21.vcf", "vcard30.vcf", "vcard40.vcf"):
        run(store, name)
    assert query(
        store,
        "SELECT first_name, last_name, email, phone, company, job_title FROM lead ORDER BY id",
    ) == [
        ("José", "García", "jose@vcard-example.es", "+34612345678", "Acme, S.L.", ""),
        ("John", "Doe", "john.doe@vcard-example.com", "+12025550100", "Doe; Sons", "Owner, CEO"),
        ("Ana", "Ruiz", "ana@vcard4-example.com", "+34611222333", "Ruiz Consulting", ""),
    ]


def test_control_characters_stripped_and_reported(store: LeadStore) -> None:
    report = run(store, "control_chars.csv")
    assert {(issue.row, issue.column) for issue in report.notices} == {
        (1, "nombre"),
        (1, "empresa"),
    }
    assert query(store, "SELECT first_name, company FROM lead ORDER BY id")[0] == (
        "Eve Red",
        "Acme [bold]x",
    )


def test_unbalanced_quote_stops_with_row_number(store: LeadStore) -> None:
    with pytest.raises(ImportRefused, match=r"Row 2 \(line 3\).*unbalanced quote"):
        run(store, "unbalanced_quote.csv")
    assert query(store, "SELECT count(*) FROM lead") == [(0,)]
    assert query(store, "SELECT count(*) FROM importbatch") == [(0,)]


def test_duplicate_column_names_refused(store: LeadStore) -> None:
    with pytest.raises(ImportRefused, match="'Email' appears twice"):
        store.imports.preview_import(FIXTURES / "duplicate_columns.csv")
