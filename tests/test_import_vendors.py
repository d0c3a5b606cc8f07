"""Issue #12: the exports of the tools that capture leads map by exact header, set the
source and the campaign/form fields, take the capture time as the created time, and keep
each answer no field takes in the lead's note (fixtures in ``fixtures/import/realworld``,
written by ``make_vendors.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import AppFactory
from test_import_realworld import REALWORLD, query

from leadtui.io.csv_import import ImportOptions
from leadtui.store import LeadStore

COLUMNS = "first_name, last_name, email, phone, company, source, campaign, utm_campaign, created_at"


# (file, format, first lead: first, last, email, phone, company, source, campaign,
#  utm_campaign, created_at, a note it must have or "")
CASES: list[tuple[str, str, tuple[Any, ...], str]] = [
    (
        "tally_en.csv",
        "tally",
        ("Olivia", "Hart", "olivia@tally-example.com", "+447700900123", "", "landing_page")
        + ("", "", "2024-06-03 09:12:44"),
        "What's your budget?: £2,000 – £5,000",
    ),
    (
        "tally_es.csv",
        "tally",
        ("Lucía", "Ortega", "lucia@tally-ejemplo.es", "+34644100200", "", "landing_page")
        + ("", "", "2024-06-05 11:00:00"),
        "¿Qué servicio necesitas?: Web, tienda y SEO",
    ),
    (
        "jotform_en.csv",
        "jotform",
        ("Grace", "Kim", "grace@jotform-example.com", "+12125550199", "Kim Studio")
        + ("landing_page", "", "", "2024-06-10 08:45:00"),
        "How did you hear about us?: Instagram",
    ),
    (
        "jotform_es.csv",
        "jotform",
        ("Andrés", "Molina", "andres@jotform-ejemplo.es", "+34655300400", "Molina Reformas")
        + ("landing_page", "", "", "2024-06-11 19:05:00"),
        "Quiero presupuesto para una reforma",
    ),
    (
        "cf7_flamingo.csv",
        "cf7-flamingo",
        ("Irene", "Castro", "irene@cf7-ejemplo.es", "+34633500600", "", "landing_page")
        + ("", "", "2024-06-12 10:20:00"),
        "your-subject: Diseño de logo\npresupuesto: 500-1000 €",
    ),
    (
        "cf7_flamingo_es.csv",
        "cf7-flamingo",
        ("Nuria", "Vidal", "nuria@cf7-ejemplo.es", None, "", "landing_page")
        + ("", "", "2024-06-14 09:00:00"),
        "Me interesa el plan anual; llamadme, por favor",
    ),
    (
        "cf7_cfdb7.csv",
        "cf7-cfdb7",
        ("Pau", "Ferrer", "pau@cfdb7-ejemplo.es", "+34611700800", "", "landing_page")
        + ("", "", "2024-06-15 12:30:00"),
        "Subject: Presupuesto",
    ),
    (
        "elementor_en.csv",
        "elementor",
        ("Ethan", "Cole", "ethan@elementor-example.com", "+13055550110", "", "landing_page")
        + ("Contact (3f2a9c1)", "", "2024-06-16 16:45:00"),
        "Referrer: https://example.com/pricing",
    ),
    (
        "elementor_es.csv",
        "elementor",
        ("Marina", "Soler", "marina@elementor-ejemplo.es", "+34622900100", "", "landing_page")
        + ("Contacto (7b1d2e4)", "", "2024-06-17 18:10:00"),
        "Referente: https://ejemplo.es/precios",
    ),
    (
        "meta_lead_ads_questions.csv",
        "meta-lead-ads",
        ("Clara", "Méndez", "clara@meta-ejemplo.es", "+34688000111", "", "ads")
        + ("Presupuesto web", "Verano 2024", "2024-06-18 07:00:00"),
        "¿cuál_es_tu_presupuesto?: entre 1.000 y 3.000 €\ncity: Valencia",
    ),
    (
        "linkedin_lead_gen.csv",
        "linkedin-lead-gen",
        ("Priya", "Nair", "priya@li-leads-example.com", "+442079460011", "Nair Analytics")
        + ("ads", "Demo request", "Q3 Awareness", "2024-06-20 10:00:00"),
        "What is your timeline?: This quarter",
    ),
    (
        "google_ads_leads.csv",
        "google-ads-leads",
        ("Javier", "Ruiz", "javier@gads-ejemplo.es", "+34699111222", "Ruiz Consulting", "ads")
        + ("Pide presupuesto", "Search ES Verano", "2024-06-21 08:30:00"),
        "Postal code: 28004",
    ),
    (
        "brevo_en.csv",
        "brevo",
        ("Noah", "Field", "noah@brevo-example.com", "+12025550123", "", "newsletter")
        + ("", "", "2024-06-22 07:00:00"),
        "",
    ),
    (
        "brevo_es.csv",
        "brevo",
        ("Rocío", "Lara", "rocio@brevo-ejemplo.es", "+34600222333", "", "newsletter")
        + ("", "", "2024-06-23 07:00:00"),
        "",
    ),
    (
        "mailchimp_legacy.csv",
        "mailchimp",
        ("Ivy", "Blake", "ivy@mc-example.com", None, "", "newsletter", "", "")
        + ("2019-03-01 10:00:00",),
        "",
    ),
    (
        "hubspot_legacy.csv",
        "hubspot-legacy",
        ("Liam", "Price", "liam@hs-example.com", "+16175550100", "Price & Sons", "import")
        + ("", "", "2020-02-03 15:00:00"),
        "",
    ),
    (
        "hubspot_legacy_es.csv",
        "hubspot-legacy",
        ("Alba", "Serra", "alba@hs-ejemplo.es", "+34612333444", "Serra Estudio", "import")
        + ("", "", "2020-02-04 16:00:00"),
        "",
    ),
    (
        "typeform_es.csv",
        "typeform",
        ("Hugo", "Serrano", "hugo@typeform-ejemplo.es", "+34677444555", "", "landing_page")
        + ("", "", "2024-06-24 10:03:12"),
        "¿Qué necesitas?: Una app móvil",
    ),
]


@pytest.mark.parametrize(("name", "fmt", "lead", "note"), CASES, ids=[c[0] for c in CASES])
def test_vendor_export_detected_and_mapped(
    store: LeadStore, name: str, fmt: str, lead: tuple[Any, ...], note: str
) -> None:
    preview = store.imports.preview_import(REALWORLD / name)
    assert preview.format.key == fmt
    report = store.imports.import_rows(preview, ImportOptions(region=None))
    assert report.rejected == 0 and report.with_warnings == 0
    assert report.imported == report.rows_read
    first = query(store, f"SELECT {COLUMNS} FROM lead ORDER BY id")[0]
    assert first[:8] == lead[:8]
    assert str(first[8]).startswith(lead[8])
    notes = [row[0] for row in query(store, "SELECT body FROM activity WHERE kind = 'note'")]
    if note:
        assert any(note in body for body in notes), notes


def test_lead_ad_questions_kept_verbatim_in_the_note_never_guessed(store: LeadStore) -> None:
    """Meta's custom questions: shown as kept in the note, each answer under its question."""
    preview = store.imports.preview_import(REALWORLD / "meta_lead_ads_questions.csv")
    questions = ["ad_name", "adset_name", "¿cuál_es_tu_presupuesto?", "what_is_your_budget?"]
    questions.append("city")
    assert preview.kept_in_note == questions
    assert not set(questions) & set(preview.not_imported)
    report = store.imports.import_rows(preview, ImportOptions(region=None))
    assert report.kept_in_note == questions
    assert report.as_dict()["kept_in_note"] == questions
    sam = query(
        store,
        "SELECT a.body FROM activity a JOIN lead l ON l.id = a.lead_id WHERE l.last_name = ?",
        "Porter",
    )
    assert [row[0] for row in sam] == [
        "Form answers:\nad_name: Anuncio C\nadset_name: Conjunto 2\n"
        "what_is_your_budget?: less than $500"
    ]
    # no keyword guess for a lead ad: a question naming a field still lands in the note
    from leadtui.io.layouts_forms import META_LEAD_ADS
    from leadtui.io.mapping import guess_mapping

    assert guess_mapping(META_LEAD_ADS, ["¿cuál_es_tu_correo?", "email"]) == ["answer", "email"]


def test_answers_can_be_chosen_by_map_and_contacts_never_keep_unknown_columns(
    store: LeadStore, tmp_path: Path
) -> None:
    from leadtui.io.formats import GENERIC
    from leadtui.io.mapping import guess_mapping

    assert guess_mapping(GENERIC, ["Name", "Favourite colour"]) == ["full_name", "ignore"]
    path = tmp_path / "loose.csv"
    path.write_text("Name,Favourite colour\nAna Gil,teal\n", encoding="utf-8")
    preview = store.imports.preview_import(path, overrides={"Favourite colour": "answer"})
    assert preview.kept_in_note == ["Favourite colour"]
    store.imports.import_rows(preview, ImportOptions())
    assert query(store, "SELECT body FROM activity WHERE kind = 'note'") == [
        ("Form answers:\nFavourite colour: teal",)
    ]


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        (["Name", "Email", "Message", "Date"], "csv"),  # a plain list is no CF7 export
        (["Contact ID", "Email"], "csv"),
        (["Submission Date", "Name"], "csv"),
        (["Email Address", "MEMBER_RATING", "OPTIN_TIME"], "mailchimp"),
    ],
)
def test_site_layouts_need_their_own_columns(header: list[str], fmt: str) -> None:
    from leadtui.io.formats import detect_format

    assert detect_format(header).key == fmt


def test_cli_dry_run_says_which_columns_are_kept_in_the_note(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from leadtui.cli import main

    result = CliRunner().invoke(
        main,
        [
            "--db",
            str(tmp_path / "x.db"),
            "import",
            str(REALWORLD / "meta_lead_ads_questions.csv"),
            "--dry-run",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "Kept in the note of each lead (column: answer): "
        "ad_name, adset_name, ¿cuál_es_tu_presupuesto?, what_is_your_budget?, city"
    ) in result.output


async def test_import_screen_shows_answers_as_kept_in_the_note(
    store: LeadStore, app_factory: AppFactory
) -> None:
    """The mapping table of a lead-ad file: each custom question reads "Kept in the note"."""
    from test_import_screen import open_with
    from textual.widgets import DataTable
    from waiting import settle

    from leadtui.ui.screens.import_screen import ImportScreen

    app = app_factory(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, REALWORLD / "meta_lead_ads_questions.csv")
        assert isinstance(screen, ImportScreen)
        table = screen.query_one("#import-mapping", DataTable)
        fields = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(19)}
        assert fields["what_is_your_budget?"] == "Kept in the note"
        assert fields["¿cuál_es_tu_presupuesto?"] == "Kept in the note"
        assert fields["ad_name"] == "Kept in the note"
        assert fields["ad_id"] == "(ignore)"
